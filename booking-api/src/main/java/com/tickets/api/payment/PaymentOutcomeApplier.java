package com.tickets.api.payment;

import com.tickets.applied.DatabaseFailures;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a batch of readable payment outcomes and tells which of them the database refused.
 *
 * <p>The batch is one transaction ({@link OutcomeBatchWriter}). When the database refuses it (a
 * constraint, a trigger, a tier that cannot take tickets back: something about the rows of one record),
 * the batch is rolled back and its outcomes are applied one by one, in order, each in a transaction of
 * its own, so that only the record at fault is refused and the others commit. When the database is
 * away (a lost connection, a restart, no connection from the pool, a deadlock or serialization
 * failure), the whole batch is retried.
 */
@ApplicationScoped
public class PaymentOutcomeApplier {

    private static final Logger LOG = Logger.getLogger(PaymentOutcomeApplier.class);

    private final OutcomeBatchWriter writer;

    PaymentOutcomeApplier(OutcomeBatchWriter writer) {
        this.writer = writer;
    }

    /**
     * Applies {@code outcomes} (in record order) and returns the refused ones, by their index in the
     * list, with the database's reason. Anything else — the database restarting, a lost connection — is
     * retried with backoff for up to four minutes, the whole batch, before the DLQ: a payment outcome
     * that is never applied leaves a charge without its booking (the hold expires and nobody refunds
     * it). Four minutes stays inside Kafka's max.poll.interval.ms (five), so the consumer keeps its
     * partitions while it waits. A retry starts over from the first outcome: those already committed
     * are found in {@code applied_events} and change nothing.
     */
    @Retry(maxRetries = -1, maxDuration = 4, durationUnit = ChronoUnit.MINUTES, delay = 500)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public Map<Integer, Exception> apply(List<PaymentOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Map.of();
        }
        try {
            writer.write(outcomes);
            return Map.of();
        } catch (RuntimeException e) {
            if (DatabaseFailures.isAway(e)) {
                LOG.warnf("payment outcomes not applied, retrying: %s", e.getMessage());
                throw e;
            }
            if (outcomes.size() == 1) {
                return Map.of(0, e);
            }
            LOG.warnf("a batch of %d payment outcomes was refused (%s); applying them one by one", outcomes.size(),
                    e.getMessage());
        }
        Map<Integer, Exception> refused = new TreeMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            try {
                writer.write(List.of(outcomes.get(i)));
            } catch (RuntimeException e) {
                if (DatabaseFailures.isAway(e)) {
                    LOG.warnf("payment outcomes not applied, retrying: %s", e.getMessage());
                    throw e;
                }
                PaymentOutcome o = outcomes.get(i);
                LOG.errorf("%s %s of booking %s refused by the database: %s", o.type(), o.eventId(), o.bookingId(),
                        e.getMessage());
                refused.put(i, e);
            }
        }
        return refused;
    }

}
