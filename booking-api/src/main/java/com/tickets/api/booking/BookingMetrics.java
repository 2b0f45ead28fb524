package com.tickets.api.booking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bookings_requests_total{outcome=created|sold_out|replayed|rejected}} and
 * {@code bookings_holds_active} / {@code bookings_holds_tickets}: PENDING bookings and the tickets
 * they hold, refreshed every few seconds rather than counted on every scrape;
 * {@code bookings_batch_size}: requests per booking transaction (how much the crowd is batched).
 */
@ApplicationScoped
public class BookingMetrics {

    private final Counter created;
    private final Counter soldOut;
    private final Counter replayed;
    private final Counter rejected;
    private final DistributionSummary batchSize;
    private final AtomicLong activeHolds = new AtomicLong();
    private final AtomicLong heldTickets = new AtomicLong();
    private final EntityManager em;

    BookingMetrics(MeterRegistry registry, EntityManager em) {
        this.em = em;
        created = outcome(registry, "created");
        soldOut = outcome(registry, "sold_out");
        replayed = outcome(registry, "replayed");
        rejected = outcome(registry, "rejected");
        // a histogram (booking.batch.max-size is 128): its buckets add up across replicas
        batchSize = DistributionSummary.builder("bookings.batch.size")
                .description("Booking requests written per transaction")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128).register(registry);
        Gauge.builder("bookings.holds.active", activeHolds, AtomicLong::get)
                .description("PENDING bookings holding tickets").register(registry);
        Gauge.builder("bookings.holds.tickets", heldTickets, AtomicLong::get)
                .description("Tickets held by PENDING bookings").register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("bookings.requests").tag("outcome", outcome)
                .description("Booking requests by outcome").register(registry);
    }

    public void created() {
        created.increment();
    }

    public void soldOut() {
        soldOut.increment();
    }

    public void replayed() {
        replayed.increment();
    }

    public void rejected() {
        rejected.increment();
    }

    void batchWritten(int requests) {
        batchSize.record(requests);
    }

    @Scheduled(every = "${booking.metrics.hold-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // not during shutdown: the database pool is closing
    void refreshHolds() {
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select count(*), coalesce(sum(quantity), 0) from bookings where status = 'PENDING'").getSingleResult());
        activeHolds.set(((Number) row[0]).longValue());
        heldTickets.set(((Number) row[1]).longValue());
    }
}
