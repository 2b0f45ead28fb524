package com.tickets.api.booking;

import com.tickets.api.concert.SoldOutTiers;
import com.tickets.api.idempotency.IdempotencyCache;
import com.tickets.api.idempotency.IdempotencyKeyReusedProblem;
import com.tickets.api.problem.ProblemException;
import com.tickets.api.problem.ServiceUnavailableProblem;
import com.tickets.applied.DatabaseFailures;
import com.tickets.observability.Traceparents;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

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
    private final BookingBatchWriter writer;
    private final IdempotencyCache cache;
    private final SoldOutTiers soldOut;
    private final BookingMetrics metrics;
    private final Duration answerTimeout;

    BookingService(BookingBatcher batcher, BookingBatchWriter writer, IdempotencyCache cache, SoldOutTiers soldOut,
                   BookingMetrics metrics,
                   @ConfigProperty(name = "booking.batch.answer-timeout", defaultValue = "PT30S") Duration answerTimeout) {
        this.batcher = batcher;
        this.writer = writer;
        this.cache = cache;
        this.soldOut = soldOut;
        this.metrics = metrics;
        this.answerTimeout = answerTimeout;
    }

    /**
     * The booking's answer; no thread waits for Redis or for the batch. Call it on the request's thread:
     * the request's trace is taken here, and its {@code BookingCreated} carries it whichever writer thread
     * writes its batch.
     */
    public Uni<BookingOutcome> book(BookingCommand command) {
        String fingerprint = command.fingerprint();
        Executor requestContext = backOnTheRequestsContext();
        String traceparent = Traceparents.current();
        return remembered(command).chain(remembered -> {
            if (remembered.isPresent()) {
                if (!remembered.get().fingerprint().equals(fingerprint)) {
                    return Uni.createFrom().failure(new IdempotencyKeyReusedProblem());
                }
                metrics.replayed();
                return Uni.createFrom().item(new BookingOutcome(remembered.get().bookingId(), remembered.get().body(), true));
            }
            CompletableFuture<BookingOutcome> answer = new CompletableFuture<>();
            batcher.submit(new PendingBooking(command, fingerprint, answer, traceparent));
            return Uni.createFrom().completionStage(answer)
                    .emitOn(requestContext)
                    .ifNoItem().after(answerTimeout).failWith(() -> {
                        // the batch may still commit: the client retries with its key and gets that answer
                        LOG.warnf("booking refused with 503, no answer from the booking writer within %s", answerTimeout);
                        return new ServiceUnavailableProblem("The booking took too long; retry with the same Idempotency-Key");
                    })
                    .onFailure(failure -> !(failure instanceof ProblemException)).transform(BookingService::asProblem)
                    .invoke(outcome -> {
                        if (outcome.replayed()) {
                            metrics.replayed();
                        } else {
                            metrics.created();
                        }
                        cache.rememberInBackground(command.idempotencyKey(),
                                new IdempotencyCache.Remembered(fingerprint, outcome.bookingId(), outcome.body()));
                    });
        });
    }

    /**
     * Books tickets held for the buyer ({@link HeldTickets}, a waitlist offer's) with the same decision, key and
     * statements as any booking, in a transaction of its own rather than the tier's batch: the hold's end and the
     * booking must commit together. Blocking (a rare request): call it on a worker thread. The database's key is
     * the only idempotency layer here, as the hold must be checked under the tier's lock anyway.
     */
    public BookingOutcome bookHeld(BookingCommand command, HeldTickets held) {
        BatchAnswer answer;
        try {
            answer = writer.writeHeld(new PendingBooking(command, command.fingerprint(), new CompletableFuture<>(),
                    Traceparents.current()), held);
        } catch (RuntimeException e) {
            throw asProblem(e);
        }
        if (answer instanceof BatchAnswer.Refused refused) {
            throw refused.problem();
        }
        if (!(answer instanceof BatchAnswer.Booked booked)) {
            throw new IllegalStateException("no answer for " + command.idempotencyKey());
        }
        BookingOutcome outcome = booked.outcome();
        if (outcome.replayed()) {
            metrics.replayed();
        } else {
            metrics.created();
        }
        return outcome;
    }

    /**
     * What Redis remembers of the key, except on a tier that sold out a moment ago: there the batch only
     * looks its keys up in the database (one query for up to a batch of them, a replay still gets its
     * booking), so a per-request Redis round trip would only add work to the crowd that comes after the last ticket.
     */
    private Uni<Optional<IdempotencyCache.Remembered>> remembered(BookingCommand command) {
        if (soldOut.soldOut(command.ticketTierId()).isPresent()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return cache.find(command.idempotencyKey());
    }

    /**
     * Where the answer goes on: the request's own Vert.x context (its event loop), not the batch
     * writer's thread that completed it, which must get back to writing the next batch instead of
     * rendering a hundred responses.
     */
    private static Executor backOnTheRequestsContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }

    /** A batch that failed: 503 when the database is away (retry with the same key), otherwise a bug (500). */
    private static RuntimeException asProblem(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ProblemException problem) {
            return problem; // 404 / 409 / 422
        }
        if (DatabaseFailures.isAway(cause)) {
            // the database is away or out of connections, rather than refusing this booking
            LOG.warnf("booking refused with 503, database unavailable: %s", cause.toString());
            return new ServiceUnavailableProblem("The booking database is unavailable; retry with the same Idempotency-Key");
        }
        return new IllegalStateException("booking failed", cause); // a bug, or a constraint: 500
    }
}
