package com.tickets.analytics.projection;

import com.tickets.retries.RetryTopicReader;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.SortedMap;

/**
 * Reads this consumer's retry topics back, which SmallRye does not do for the batch channels of
 * {@link EventConsumers}: each record is applied alone once its delay has passed
 * ({@link RetryTopicReader}, kafka-retries); one that fails again goes on to the next retry topic,
 * then to the dead-letter topic (failure strategy {@code onward-retry-topic}, application.properties).
 */
@ApplicationScoped
public class RetryTopicConsumers {

    private final ProjectionApplier applier;

    RetryTopicConsumers(ProjectionApplier applier) {
        this.applier = applier;
    }

    @Incoming("booking-events-retries")
    public Uni<Void> onRetriedBookingEvent(KafkaRecord<String, String> record) {
        return RetryTopicReader.retryWhenDue(record, this::applyAlone);
    }

    @Incoming("payment-events-retries")
    public Uni<Void> onRetriedPaymentEvent(KafkaRecord<String, String> record) {
        return RetryTopicReader.retryWhenDue(record, this::applyAlone);
    }

    @Incoming("waitlist-events-retries")
    public Uni<Void> onRetriedWaitlistEvent(KafkaRecord<String, String> record) {
        return RetryTopicReader.retryWhenDue(record, this::applyAlone);
    }

    /** Why the record could not be applied, or null once it is. */
    private Throwable applyAlone(KafkaRecord<String, String> record) {
        try {
            SortedMap<Integer, Exception> refused = applier.apply(List.of(record.getPayload()));
            return refused.isEmpty() ? null : refused.get(0);
        } catch (Exception e) {
            // the database stayed away through the applier's own retries
            return e;
        }
    }
}
