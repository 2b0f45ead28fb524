package com.tickets.api.booking;

import com.tickets.api.outbox.JobSpans;
import com.tickets.api.payment.PaymentOutcomeProgress;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Ends holds that outlived {@code hold_expires_at}, and the grace after it ({@link HoldConfig}), without
 * a payment result. Safe with many
 * replicas: each sweep claims a batch with {@code FOR UPDATE SKIP LOCKED}, so replicas (and a
 * payment result being applied at the same moment) never process the same booking twice.
 *
 * <p>A batch that expires holds is a span of its own ({@link JobSpans}), so its {@code BookingExpired} and
 * {@code AvailabilityChanged} rows, and the waitlist offers the returned tickets make, carry its trace; a sweep
 * that finds nothing due makes no span.
 */
@ApplicationScoped
public class HoldExpirySweeper {

    private static final Logger LOG = Logger.getLogger(HoldExpirySweeper.class);
    private static final int BATCH = 200;

    private final EntityManager em;
    private final BookingTransitions transitions;
    private final HoldConfig hold;
    private final JobSpans spans;
    private final PaymentOutcomeProgress progress;

    HoldExpirySweeper(EntityManager em, BookingTransitions transitions, HoldConfig hold, JobSpans spans,
                      PaymentOutcomeProgress progress) {
        this.progress = progress;
        this.em = em;
        this.transitions = transitions;
        this.hold = hold;
        this.spans = spans;
    }

    @Scheduled(every = "${booking.expiry.sweep-every:5s}", delayed = "${booking.expiry.sweep-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // not during shutdown: the database pool is closing
    void sweep() {
        int expired;
        do {
            expired = QuarkusTransaction.requiringNew().call(this::expireBatch);
            if (expired > 0) {
                LOG.infof("expired %d held booking(s)", expired);
            }
        } while (expired == BATCH);
    }

    /**
     * Expires one batch of overdue holds; returns how many. Overdue: the hold and its grace ended before
     * now and before the moment up to which payment outcomes are applied ({@link PaymentOutcomeProgress}),
     * so no outcome that had reached the topic in time is left behind; nothing while that is unknown.
     */
    public int expireBatch() {
        Optional<Instant> outcomesThrough = progress.appliedThrough();
        if (outcomesThrough.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        Instant cutoff = (outcomesThrough.get().isBefore(now) ? outcomesThrough.get() : now).minus(hold.grace());
        @SuppressWarnings("unchecked")
        List<UUID> due = em.createNativeQuery("""
                        select id from bookings where status = 'PENDING' and hold_expires_at < ?2
                        order by hold_expires_at limit ?1 for update skip locked""", UUID.class)
                .setParameter(1, BATCH).setParameter(2, cutoff).getResultList();
        if (due.isEmpty()) {
            return 0;
        }
        return spans.run("expire holds", span -> {
            int expired = 0;
            for (UUID id : due) {
                if (transitions.expire(id, cutoff)) {
                    expired++;
                }
            }
            span.setAttribute("tickets.holds.expired", expired);
            return expired;
        });
    }
}
