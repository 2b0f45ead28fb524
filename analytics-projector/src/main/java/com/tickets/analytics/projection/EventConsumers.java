package com.tickets.analytics.projection;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.sql.SQLException;

/**
 * Feeds both topics into the projection. A failure (database away, unreadable record) fails the
 * message: SmallRye's delayed-retry-topic strategy retries it later from a retry topic, then puts
 * it in the channel's dead-letter topic, so the partition never blocks. Retrying out of order is
 * safe because applying is order-free.
 */
@ApplicationScoped
public class EventConsumers {

    private final ProjectionApplier applier;

    EventConsumers(ProjectionApplier applier) {
        this.applier = applier;
    }

    @Incoming("booking-events")
    @Blocking
    public void onBookingEvent(String json) throws SQLException {
        applier.apply(json);
    }

    @Incoming("payment-events")
    @Blocking
    public void onPaymentEvent(String json) throws SQLException {
        applier.apply(json);
    }
}
