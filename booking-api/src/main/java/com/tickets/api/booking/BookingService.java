package com.tickets.api.booking;

import com.tickets.api.idempotency.IdempotencyCache;
import com.tickets.api.idempotency.IdempotencyKeyReusedProblem;
import com.tickets.api.problem.ProblemException;
import com.tickets.api.problem.ServiceUnavailableProblem;
import com.tickets.api.sql.DatabaseFailures;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes tickets and records the booking, exactly once per idempotency key.
 *
 * <p>Layers of idempotency: Redis remembers finished answers (fast replay); the bookings table's
 * unique key is the truth. Requests that reach the database are written in per-tier batches
 * ({@link BookingBatcher}): within a batch, a second request with a key replays the first one's
 * answer; across batches and replicas, the look-up by key under the tier's row lock and the
 * unique constraint decide. Redis down changes nothing but speed.
 */
@ApplicationScoped
public class BookingService {

    private static final Logger LOG = Logger.getLogger(BookingService.class);

    private final BookingBatcher batcher;
    private final IdempotencyCache cache;
    private final BookingMetrics metrics;
    private final Duration answerTimeout;

    BookingService(BookingBatcher batcher, IdempotencyCache cache, BookingMetrics metrics,
                   @ConfigProperty(name = "booking.batch.answer-timeout", defaultValue = "PT30S") Duration answerTimeout) {
        this.batcher = batcher;
        this.cache = cache;
        this.metrics = metrics;
        this.answerTimeout = answerTimeout;
    }

    public BookingOutcome book(BookingCommand command) {
        String fingerprint = command.fingerprint();
        var remembered = cache.find(command.idempotencyKey());
        if (remembered.isPresent()) {
            if (!remembered.get().fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReusedProblem();
            }
            metrics.replayed();
            return new BookingOutcome(remembered.get().bookingId(), remembered.get().body(), true);
        }
        BookingOutcome outcome = await(batcher.submit(new PendingBooking(command, fingerprint, new CompletableFuture<>())));
        if (outcome.replayed()) {
            metrics.replayed();
        } else {
            metrics.created();
        }
        cache.rememberInBackground(command.idempotencyKey(), new IdempotencyCache.Remembered(fingerprint, outcome.bookingId(), outcome.body()));
        return outcome;
    }

    private BookingOutcome await(CompletableFuture<BookingOutcome> answer) {
        try {
            return answer.get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProblemException problem) {
                throw problem; // 404 / 409 / 422
            }
            if (DatabaseFailures.isAway(cause)) {
                // the database is away or out of connections, rather than refusing this booking
                LOG.warnf("booking refused with 503, database unavailable: %s", cause.toString());
                throw new ServiceUnavailableProblem("The booking database is unavailable; retry with the same Idempotency-Key");
            }
            throw new IllegalStateException("booking failed", cause); // a bug, or a constraint: 500
        } catch (TimeoutException e) {
            // the batch may still commit: the client retries with its key and gets that answer
            LOG.warnf("booking refused with 503, no answer from the booking writer within %s", answerTimeout);
            throw new ServiceUnavailableProblem("The booking took too long; retry with the same Idempotency-Key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
