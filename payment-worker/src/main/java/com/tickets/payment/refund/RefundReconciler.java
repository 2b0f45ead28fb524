package com.tickets.payment.refund;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.PaymentData;
import com.tickets.payment.OffTheEventLoop;
import com.tickets.payment.PaymentEventPublisher;
import com.tickets.observability.Traceparents;
import com.tickets.payment.gateway.GatewayCalls;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * Pays the refunds this worker owes, and keeps trying until each one is paid.
 *
 * <p>Why not SmallRye's retry topics, as for charges: after the last retry topic a record goes to
 * the dead-letter queue, and for a refund that means a buyer who is never paid back. Why not
 * retrying in place ({@code @Retry}): that holds the refund's record in flight for the whole
 * retry and starves the charges behind it (measured: holds expired in the bad-gateway fault drill). So a
 * {@code RefundRequested} is first written down as owed ({@link OwedRefunds}, in the worker's
 * database), tried once right away (while its record is handled, one of the records in flight),
 * and otherwise retried by this reconciler with growing delays (from
 * {@code payment.refund.retry.initial-delay} doubling up to {@code max-delay}), never given up.
 * The gateway call carries {@code refund:<booking key>}, so a retry after a lost response, a
 * crash or an expired lease never refunds twice, and the outcome's event id is derived from the
 * request's, so a repeated {@code RefundSucceeded} is applied once downstream.
 * Operators watch {@code payment_refunds_owed} and {@code payment_refunds_owed_oldest_seconds}.
 */
@ApplicationScoped
public class RefundReconciler {

    private static final Logger LOG = Logger.getLogger(RefundReconciler.class);
    /** Refunds claimed per sweep; they are paid one after another (a sweep is a background trickle, not the in-flight path). */
    private static final int BATCH = 16;
    /**
     * How long a claimed refund is left to its payer before another may take it: longer than a
     * sweep can take (16 calls that each time out after 2 s, plus publishing).
     */
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final OwedRefunds owed;
    private final GatewayCalls gateway;
    private final PaymentEventPublisher publisher;
    private final MeterRegistry registry;
    private final Tracer tracer;
    private final Duration initialDelay;
    private final Duration maxDelay;

    RefundReconciler(OwedRefunds owed, GatewayCalls gateway, PaymentEventPublisher publisher, MeterRegistry registry, Tracer tracer,
                     @ConfigProperty(name = "payment.refund.retry.initial-delay") Duration initialDelay,
                     @ConfigProperty(name = "payment.refund.retry.max-delay") Duration maxDelay) {
        this.owed = owed;
        this.gateway = gateway;
        this.publisher = publisher;
        this.registry = registry;
        this.tracer = tracer;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        Gauge.builder("payment.refunds.owed", owed, o -> o.backlog()[0])
                .description("Refunds requested and not yet paid").register(registry);
        Gauge.builder("payment.refunds.owed.oldest", owed, o -> o.backlog()[1]).baseUnit("seconds")
                .description("How long the oldest unpaid refund has been owed").register(registry);
    }

    /**
     * A refund was requested: owe it, then try to pay it at once (a redelivered request does
     * nothing). Fails only when the refund could not be written down as owed; a failed first
     * attempt leaves it owed to the sweep. Every attempt's {@code RefundSucceeded} is in the request's
     * trace: the first under the refund's span ({@code traceparent}), a later one under a span of its own
     * whose parent is kept with the owed refund.
     */
    public Uni<Void> requested(EventEnvelope request, String traceparent) {
        BookingData booking = EventJson.data(request, BookingData.class);
        return OffTheEventLoop.supply(() -> owed.owe(request, booking.bookingId(), LEASE, traceparent))
                .chain(inserted -> inserted ? pay(new OwedRefund(request, 1, traceparent), traceparent) : Uni.createFrom().voidItem());
    }

    @Scheduled(identity = "refund-reconciler", every = "${payment.refund.sweep-every:1s}", delayed = "${payment.refund.sweep-every:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // not while shutting down: the pool is closing
    void payDueRefunds() {
        // a worker thread of the scheduler's: the claimed refunds are paid one after another
        for (OwedRefund refund : owed.claimDue(BATCH, LEASE)) {
            Span span = retrySpan(refund);
            try {
                pay(refund, Traceparents.of(span.getSpanContext())).await().indefinitely();
            } finally {
                span.end();
            }
        }
    }

    /**
     * A later attempt is a span in the trace of the request it pays ({@code traceparent} kept with the owed
     * refund), so the booking's trace shows every try and the {@code RefundSucceeded} it ends with.
     */
    private Span retrySpan(OwedRefund refund) {
        var builder = tracer.spanBuilder("payment refund")
                .setAttribute("booking.id", refund.event().aggregateId())
                .setAttribute("event.id", refund.event().id().toString())
                .setAttribute("payment.attempt", refund.attempt());
        if (refund.traceparent() != null) {
            builder.setParent(Traceparents.context(refund.traceparent()));
        } else {
            builder.setNoParent();
        }
        return builder.startSpan();
    }

    /** One attempt; never fails: the outcome is written down (paid, or when to try again). */
    private Uni<Void> pay(OwedRefund refund, String traceparent) {
        EventEnvelope request = refund.event();
        BookingData booking = EventJson.data(request, BookingData.class);
        return gateway.refund("refund:" + request.idempotencyKey(), booking.bookingId(), booking.totalPrice(),
                        booking.currency())
                .chain(result -> publisher.publish(request, EventTypes.REFUND_SUCCEEDED, new PaymentData(booking.bookingId(),
                        result.paymentId(), booking.totalPrice(), booking.currency(), booking.reason()), traceparent))
                .chain(() -> OffTheEventLoop.run(() -> {
                    owed.paid(request.id());
                    registry.counter("payment.outcomes", "outcome", "refunded").increment();
                }))
                .onFailure().recoverWithUni(failure -> OffTheEventLoop.run(() -> failed(refund, booking, failure)));
    }

    private void failed(OwedRefund refund, BookingData booking, Throwable failed) {
        EventEnvelope request = refund.event();
        Throwable failure = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
        if (failure instanceof CircuitBreakerOpenException) {
            reschedule(booking, () -> owed.notTried(request.id(), initialDelay));
            return;
        }
        registry.counter("payment.attempts.failed", "type", request.type()).increment();
        Duration delay = delayAfter(refund.attempt());
        if (refund.attempt() == 1 || refund.attempt() % 10 == 0) {
            LOG.warnf("refund for booking %s failed (attempt %d), next attempt in %s: %s", booking.bookingId(),
                    refund.attempt(), delay, failure.toString());
        }
        reschedule(booking, () -> owed.retryLater(request.id(), delay, failure.toString()));
    }

    /** If the database cannot take the new time, the lease still holds the refund: it is tried again when the lease runs out. */
    private static void reschedule(BookingData booking, Runnable update) {
        try {
            update.run();
        } catch (RuntimeException databaseAway) {
            LOG.warnf("refund for booking %s stays owed: %s", booking.bookingId(), databaseAway.toString());
        }
    }

    /** initial-delay, doubled after every failed attempt, at most max-delay. */
    Duration delayAfter(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration delay = initialDelay.multipliedBy(factor);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
