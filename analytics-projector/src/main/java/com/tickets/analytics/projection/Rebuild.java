package com.tickets.analytics.projection;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;

/**
 * Rebuilds the projection from the start of the topics: forget every fact, then move this
 * instance's consumers back to the earliest offsets. Events applied between the two steps are
 * simply applied again; the projection converges because applying is idempotent and order-free.
 */
@ApplicationScoped
public class Rebuild {

    private static final Logger LOG = Logger.getLogger(Rebuild.class);

    private final BookingFacts facts;
    private final KafkaClientService kafka;

    Rebuild(BookingFacts facts, KafkaClientService kafka) {
        this.facts = facts;
        this.kafka = kafka;
    }

    public void fromTheStart() throws SQLException {
        facts.clear();
        for (String channel : List.of("booking-events", "payment-events")) {
            kafka.getConsumer(channel).runOnPollingThread(consumer -> {
                consumer.seekToBeginning(consumer.assignment());
            }).await().indefinitely();
        }
        LOG.info("projection cleared; re-reading booking.events and payment.events from the beginning");
    }
}
