package com.tickets.analytics.projection;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.SQLException;

/** Feeds both topics into the projection; an unreadable record goes to the topic's DLQ. */
@ApplicationScoped
public class EventConsumers {

    private final BookingFacts facts;
    private final MeterRegistry registry;

    EventConsumers(BookingFacts facts, MeterRegistry registry) {
        this.facts = facts;
        this.registry = registry;
    }

    @Incoming("booking-events")
    @Blocking
    public void onBookingEvent(String json) throws SQLException {
        apply(json);
    }

    @Incoming("payment-events")
    @Blocking
    public void onPaymentEvent(String json) throws SQLException {
        apply(json);
    }

    private void apply(String json) throws SQLException {
        EventEnvelope event = EventJson.read(json);
        facts.apply(event);
        registry.counter("analytics.events.applied", "type", event.type()).increment();
    }
}
