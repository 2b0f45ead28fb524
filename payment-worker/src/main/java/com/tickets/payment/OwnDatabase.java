package com.tickets.payment;

import com.tickets.applied.DatabaseFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Waits for this worker's own database when a statement finds it away, instead of failing the
 * record: a charge whose {@code applied_events} lookup or record fails on a restarting database is
 * not a poison record, and nacking it spent the retry topics (seconds in the fault drills, minutes
 * in production) against an outage of unknown length, then dead-lettered it. A waiting record stays
 * in flight, so the window fills and the consumer pauses until the database answers; after
 * {@code payment.database-wait} the failure goes on as before.
 *
 * <p>Only what {@link DatabaseFailures#isAway} calls away is waited for (a lost connection, a
 * server shutting down or in recovery, an empty pool); a refused row fails at once. Mutiny's retry
 * with a growing back-off, rather than SmallRye Fault Tolerance's {@code @Retry}, because the steps
 * are {@code Uni}s built inside the record's pipeline, not calls of a bean.
 */
@ApplicationScoped
public class OwnDatabase {

    private static final Logger LOG = Logger.getLogger(OwnDatabase.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final Duration wait;
    private final Counter retries;
    private final AtomicBoolean away = new AtomicBoolean();

    OwnDatabase(PaymentConfig config, MeterRegistry registry) {
        this.wait = config.databaseWait();
        this.retries = Counter.builder("payment.database.retries")
                .description("Statements tried again because the worker's database was away").register(registry);
    }

    /** {@code statement}, subscribed again while it fails with the database away, for at most {@code payment.database-wait}. */
    public <T> Uni<T> whenAnswering(Uni<T> statement) {
        return Uni.createFrom().deferred(() -> statement
                .onFailure(DatabaseFailures::isAway).invoke(this::wentAway)
                .onFailure(DatabaseFailures::isAway).retry()
                .withBackOff(FIRST_RETRY, LONGEST_PAUSE).withJitter(0.2)
                .expireIn(wait.toMillis())
                .invoke(this::answered));
    }

    private void wentAway(Throwable failure) {
        retries.increment();
        if (away.compareAndSet(false, true)) {
            LOG.warnf("the payment database is away, records wait for it (up to %s each): %s", wait, failure.toString());
        }
    }

    private void answered() {
        if (away.compareAndSet(true, false)) {
            LOG.info("the payment database answers again");
        }
    }
}
