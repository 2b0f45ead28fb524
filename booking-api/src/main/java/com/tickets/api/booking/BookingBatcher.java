package com.tickets.api.booking;

import com.tickets.applied.DatabaseFailures;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Groups concurrent booking requests per tier into batches, each written in one transaction
 * ({@link BookingBatchWriter}). One booking per transaction serializes every buyer of a hot tier
 * on its row lock and on one WAL flush each; a batch pays for the lock and the flush once.
 *
 * <p>No timer: while a tier's batch is being written, its new requests queue up, and the next
 * batch takes all of them (up to {@code booking.batch.max-size}). An idle tier's request is
 * written at once, alone, so batching adds no latency when there is no crowd. Each lane (tier)
 * is written by at most one writer thread at a time and gives the thread back after every batch,
 * so a hot tier cannot starve the others. Correctness never depends on the lanes: two lanes of
 * one tier (another replica, or a lane re-created while the old one finished) serialize on the
 * tier's row lock like any two transactions.
 */
@ApplicationScoped
class BookingBatcher {

    private static final Logger LOG = Logger.getLogger(BookingBatcher.class);

    private final ConcurrentHashMap<UUID, Lane> lanes = new ConcurrentHashMap<>();
    private final BookingBatchWriter writer;
    private final BookingMetrics metrics;
    private final ExecutorService writers;
    private final int maxBatchSize;

    BookingBatcher(BookingBatchWriter writer, BookingMetrics metrics,
                   @ConfigProperty(name = "booking.batch.max-size", defaultValue = "128") int maxBatchSize,
                   @ConfigProperty(name = "booking.batch.writers", defaultValue = "8") int writerThreads) {
        this.writer = writer;
        this.metrics = metrics;
        this.maxBatchSize = maxBatchSize;
        AtomicInteger n = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(writerThreads, r -> {
            Thread t = new Thread(r, "booking-writer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues the request for its tier's next batch; the future completes with its answer or its problem. */
    CompletableFuture<BookingOutcome> submit(PendingBooking request) {
        Lane lane = lanes.computeIfAbsent(request.command().ticketTierId(), Lane::new);
        lane.queue.add(request);
        lane.schedule();
        return request.answer();
    }

    @PreDestroy
    void stop() {
        // after the HTTP server has drained: whatever is queued is written, nothing new arrives
        writers.shutdown();
    }

    private void writeAndAnswer(UUID tierId, List<PendingBooking> batch) {
        metrics.batchWritten(batch.size());
        try {
            List<BatchAnswer> answers = writer.write(tierId, batch);
            for (int i = 0; i < batch.size(); i++) {
                BatchAnswer answer = answers.get(i);
                if (answer instanceof BatchAnswer.Booked booked) {
                    batch.get(i).answer().complete(booked.outcome());
                } else if (answer instanceof BatchAnswer.Refused refused) {
                    batch.get(i).answer().completeExceptionally(refused.problem());
                }
            }
        } catch (Exception e) {
            if (batch.size() > 1 && DatabaseFailures.refusesRows(e)) {
                // one request's row was refused (a constraint, a trigger): write each alone, so it
                // fails by itself and the others of the batch still get their tickets
                LOG.debugf("batch of %d for tier %s refused (%s); writing its requests one by one", batch.size(), tierId, e);
                batch.forEach(request -> writeAndAnswer(tierId, List.of(request)));
            } else {
                batch.forEach(request -> request.answer().completeExceptionally(e));
            }
        }
    }

    /** The queue of one tier and whether a writer is on it. */
    private final class Lane {
        final UUID tierId;
        final Queue<PendingBooking> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();

        Lane(UUID tierId) {
            this.tierId = tierId;
        }

        void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                writers.execute(this::writeOneBatch);
            }
        }

        private void writeOneBatch() {
            List<PendingBooking> batch = new ArrayList<>();
            for (PendingBooking next; batch.size() < maxBatchSize && (next = queue.poll()) != null; ) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                writeAndAnswer(tierId, batch);
            }
            scheduled.set(false);
            if (!queue.isEmpty()) {
                schedule(); // to the back of the writers' queue: other tiers get their turn
            } else {
                // idle: forget the lane (unknown tier ids must not pile up); a request that raced
                // this still has the lane and schedules it itself
                lanes.remove(tierId, this);
            }
        }
    }
}
