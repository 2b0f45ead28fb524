package com.tickets.analytics.projection;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Feeds the three topics (booking, payment and waitlist events) into the projection, and the catalogue's
 * venue zones ({@link #onCatalogEvents}), a poll's worth
 * of records per transaction ({@code batch=true}, application.properties; {@link ProjectionApplier}).
 *
 * <p>A record that cannot be applied fails alone: it is nacked, and SmallRye's delayed-retry-topic
 * strategy sends it to this consumer's first retry topic while the rest of its batch commits without
 * it. A database that stays away through the applier's retries fails the whole batch the same way.
 * {@link RetryTopicConsumers} reads the retry topics back (SmallRye does not for a batch channel).
 * Retrying out of order is safe because applying is order-free.
 *
 * <p>Acknowledgment of a batch is by hand: the failed records first (the strategy acknowledges each
 * once it is written to its retry topic), then each partition's last record, which commits the
 * partition's offset up to it, only after the transaction committed.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);

    private final ProjectionApplier applier;
    private final ConcertZones zones;

    EventConsumers(ProjectionApplier applier, ConcertZones zones) {
        this.applier = applier;
        this.zones = zones;
    }

    /**
     * The catalogue, for each concert's venue zone only ({@link ConcertZones}). No retry topics: a record
     * that says nothing readable is skipped, and a batch the database stayed away for is given up with an
     * error in the log, because the concert's next event states its zone again and until then its sales
     * are bucketed in UTC, which the dashboard names; nothing is counted wrong.
     */
    @Incoming("catalog-events")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onCatalogEvents(KafkaRecordBatch<String, String> batch) {
        try {
            zones.apply(batch.getRecords().stream().map(KafkaRecord::getPayload).toList());
        } catch (Exception e) {
            LOG.errorf(e, "the venue zones of %d catalogue record(s) could not be kept", batch.getRecords().size());
        }
        for (KafkaRecord<String, String> last : batch.getLatestOffsetRecords().values()) {
            last.ack().toCompletableFuture().join();
        }
        return CompletableFuture.completedFuture(null);
    }

    @Incoming("booking-events")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onBookingEvents(KafkaRecordBatch<String, String> batch) {
        return apply(batch);
    }

    @Incoming("payment-events")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onPaymentEvents(KafkaRecordBatch<String, String> batch) {
        return apply(batch);
    }

    @Incoming("waitlist-events")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onWaitlistEvents(KafkaRecordBatch<String, String> batch) {
        return apply(batch);
    }

    private CompletionStage<Void> apply(KafkaRecordBatch<String, String> batch) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        SortedMap<Integer, Exception> refused;
        try {
            refused = applier.apply(records.stream().map(KafkaRecord::getPayload).toList());
        } catch (Exception e) {
            LOG.errorf(e, "%d event(s) could not be applied; sending them to the retry topic", records.size());
            batch.nack(e).toCompletableFuture().join();
            return CompletableFuture.completedFuture(null);
        }
        Set<KafkaRecord<String, String>> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (var entry : refused.entrySet()) {
            KafkaRecord<String, String> record = records.get(entry.getKey());
            LOG.errorf("record %s-%d@%d refused, sending it to the retry topic: %s", record.getTopic(),
                    record.getPartition(), offset(record), entry.getValue().getMessage());
            record.nack(entry.getValue()).toCompletableFuture().join();
            failed.add(record);
        }
        for (KafkaRecord<String, String> last : batch.getLatestOffsetRecords().values()) {
            if (!failed.contains(last)) {
                last.ack().toCompletableFuture().join();
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    private static long offset(KafkaRecord<String, String> record) {
        return record instanceof IncomingKafkaRecord<String, String> r ? r.getOffset() : -1;
    }
}
