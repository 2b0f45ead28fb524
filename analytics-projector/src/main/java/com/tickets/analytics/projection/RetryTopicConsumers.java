package com.tickets.analytics.projection;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * Reads this consumer's retry topics back: each record is applied alone once its delay has passed
 * (the delay is in the topic's name, {@code <topic>_retry_<delay ms>}, counted from when the record
 * was written there). A record that fails again is nacked, and {@link OnwardRetryTopicStrategy} sends
 * it to the next retry topic, then to the dead-letter topic.
 *
 * <p>SmallRye's delayed-retry-topic strategy does this by itself for a record-at-a-time channel, but
 * not for a batch channel like {@link EventConsumers}'s: it writes the retry topics and never reads
 * them. So these channels do the reading, in the consumer group SmallRye would use.
 */
@ApplicationScoped
public class RetryTopicConsumers {

    private static final Logger LOG = Logger.getLogger(RetryTopicConsumers.class);

    private final ProjectionApplier applier;

    RetryTopicConsumers(ProjectionApplier applier) {
        this.applier = applier;
    }

    @Incoming("booking-events-retries")
    public Uni<Void> onRetriedBookingEvent(KafkaRecord<String, String> record) {
        return applyWhenDue(record);
    }

    @Incoming("payment-events-retries")
    public Uni<Void> onRetriedPaymentEvent(KafkaRecord<String, String> record) {
        return applyWhenDue(record);
    }

    private Uni<Void> applyWhenDue(KafkaRecord<String, String> record) {
        Duration wait = untilDue(record.getTopic(), record.getTimestamp(), Instant.now());
        Uni<Void> due = Uni.createFrom().voidItem();
        // Vert.x timers start at 1 ms
        if (wait.toMillis() >= 1) {
            due = due.onItem().delayIt().by(wait);
        }
        return due
                // the database work runs on a worker thread, never on the Kafka record's event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transform(ignored -> applyAlone(record.getPayload()))
                // whatever goes wrong on the way fails the record, never the channel
                .onFailure().recoverWithItem(failure -> failure)
                .onItem().transformToUni(failure -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(record.ack());
                    }
                    LOG.warnf("retried record from %s failed again: %s", record.getTopic(), failure.getMessage());
                    return Uni.createFrom().completionStage(record.nack(failure));
                });
    }

    /** Why the record could not be applied, or null once it is. */
    private Throwable applyAlone(String json) {
        try {
            SortedMap<Integer, Exception> refused = applier.apply(List.of(json));
            return refused.isEmpty() ? null : refused.get(0);
        } catch (Exception e) {
            // the database stayed away through the applier's own retries
            return e;
        }
    }

    /**
     * How long a record written to a retry topic at {@code writtenAt} still waits: until the topic's
     * delay (the number after its last underscore, in milliseconds) has passed. A topic named without
     * one is not waited for.
     */
    static Duration untilDue(String retryTopic, Instant writtenAt, Instant now) {
        long delayMillis;
        try {
            delayMillis = Long.parseLong(retryTopic.substring(retryTopic.lastIndexOf('_') + 1));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(now, writtenAt.plusMillis(delayMillis));
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
