package com.tickets.api.payment;

import com.tickets.observability.Traceparents;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Finalizes bookings from {@code payment.events}, a poll's worth of records at a time
 * ({@code batch=true}, application.properties). At-least-once in, exactly once in effect: the event ids
 * are recorded in {@code applied_events} in the same transaction as the changes they cause, and the
 * transitions only move a booking out of the states it may leave ({@link Finalization}).
 *
 * <p>A batch is one transaction ({@link OutcomeBatchWriter}). A record that cannot be applied — not
 * readable as a payment event, or refused by the database ({@link PaymentOutcomeApplier}) — goes to the
 * dead-letter topic alone and the rest of its batch commits without it. A database that is away is
 * waited for (the whole batch, up to four minutes); only after that does the whole batch go to the
 * dead-letter topic, to be replayed from there (docs/operations.md).
 *
 * <p>Acknowledgment is by hand: the dead letters first (the dead-letter strategy acknowledges each
 * once it is written to the DLQ), then each partition's last record of the batch, which commits the
 * partition's offset up to it, only after the transaction committed. Then the batch's offsets are
 * reported to {@link PaymentOutcomeProgress}, which tells the hold sweeper how far outcomes are applied.
 *
 * <p>Each outcome carries its record's trace (SmallRye starts a span per record of the batch, a child of
 * the record's {@code traceparent} header), and the events it causes carry it on (the
 * {@code BookingConfirmed} of a {@code PaymentSucceeded} is in the booking's trace).
 */
@ApplicationScoped
public class PaymentOutcomeConsumer {

    private static final Logger LOG = Logger.getLogger(PaymentOutcomeConsumer.class);

    private final PaymentOutcomeApplier applier;
    private final PaymentOutcomeProgress progress;

    PaymentOutcomeConsumer(PaymentOutcomeApplier applier, PaymentOutcomeProgress progress) {
        this.applier = applier;
        this.progress = progress;
    }

    @Incoming("payment-events")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onPaymentEvents(KafkaRecordBatch<String, String> batch) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        Map<KafkaRecord<String, String>, Throwable> dead = new IdentityHashMap<>();
        List<PaymentOutcome> readable = new ArrayList<>(records.size());
        List<KafkaRecord<String, String>> readableRecords = new ArrayList<>(records.size());
        for (KafkaRecord<String, String> record : records) {
            try {
                readable.add(PaymentOutcome.read(record.getPayload()).withTraceparent(Traceparents.traceparentOf(record)));
                readableRecords.add(record);
            } catch (RuntimeException e) {
                LOG.errorf("unreadable record at %s-%d@%d: %s", record.getTopic(), record.getPartition(),
                        offset(record), e.getMessage());
                dead.put(record, e);
            }
        }
        try {
            applier.apply(readable).forEach((index, reason) -> dead.put(readableRecords.get(index), reason));
        } catch (Exception e) {
            // the database stayed away through every retry: the batch goes to the DLQ, to be replayed from there
            LOG.errorf(e, "%d payment outcome(s) could not be applied; sending them to the dead-letter topic", records.size());
            batch.nack(e).toCompletableFuture().join();
            reportHandled(batch);
            return CompletableFuture.completedFuture(null);
        }
        for (var entry : dead.entrySet()) {
            entry.getKey().nack(entry.getValue()).toCompletableFuture().join();
        }
        for (KafkaRecord<String, String> last : batch.getLatestOffsetRecords().values()) {
            if (!dead.containsKey(last)) {
                last.ack().toCompletableFuture().join();
            }
        }
        reportHandled(batch);
        return CompletableFuture.completedFuture(null);
    }

    /** Every record of the batch is applied or dead-lettered: the hold sweeper may expire up to them. */
    private void reportHandled(KafkaRecordBatch<String, String> batch) {
        batch.getLatestOffsetRecords().forEach((partition, last) -> progress.applied(partition.partition(), offset(last) + 1));
    }

    private static long offset(KafkaRecord<String, String> record) {
        return record instanceof io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord<String, String> r ? r.getOffset() : -1;
    }
}
