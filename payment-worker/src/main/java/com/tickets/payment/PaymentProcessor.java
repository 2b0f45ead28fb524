package com.tickets.payment;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.PaymentData;
import com.tickets.payment.gateway.GatewayCalls;
import com.tickets.payment.gateway.GatewayResult;
import com.tickets.payment.refund.RefundReconciler;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

/**
 * Charges for {@code BookingCreated} and refunds for {@code RefundRequested}.
 *
 * <p>Exactly once in effect, at least once in: an event whose id is in {@code applied_events} is
 * skipped; the gateway call carries the booking's idempotency key (or {@code refund:<key>}), so
 * a retry after a timeout or a crash finds the earlier charge instead of taking a second one;
 * the outcome event's id is derived from the booking event's id.
 *
 * <p>A charge's transient failure (timeout, gateway down, circuit open) is thrown, and SmallRye's
 * {@code delayed-retry-topic} strategy redelivers the record after each configured delay, then
 * dead-letters it. On the last attempt (the record came from the last retry topic; SmallRye's
 * {@code delayed-retry-count} header counts hops, not attempts) the worker first reports {@code PaymentFailed} ("retries exhausted"), so the
 * booking is cancelled and its tickets return, and then lets the record go to the DLQ for operators.
 * A refund does not wait for the gateway in the retry topics: it is handed to the {@link
 * RefundReconciler}, which owes it in the database and retries it until it is paid (only when
 * that database refuses the record does it go the charges' way).
 *
 * <p>Records are handled concurrently (the {@code payment-gateway} worker pool, {@code
 * PAYMENT_CONCURRENCY} calls at once), not one after another: a gateway call takes tens to
 * hundreds of milliseconds, and one call at a time pays ~16 bookings/s, far below an on-sale.
 * Order per booking still holds where it matters: booking-api asks for a refund only after it
 * has seen this worker's outcome of the charge, so a booking's {@code RefundRequested} is never
 * consumed before its {@code BookingCreated} has been handled. Offsets are committed by the
 * connector's {@code throttled} strategy, which commits only past records that are all done.
 */
@ApplicationScoped
public class PaymentProcessor {

    private static final Logger LOG = Logger.getLogger(PaymentProcessor.class);

    private final GatewayCalls gateway;
    private final PaymentEventPublisher publisher;
    private final AppliedEvents applied;
    private final RefundReconciler refunds;
    private final MeterRegistry registry;
    private final String lastRetryTopic;
    /**
     * Records are handled concurrently, but one booking's records one at a time: a duplicate
     * delivered right behind the original (the relay is at-least-once) then finds it applied
     * instead of racing it to the gateway. Striped rather than one lock per booking, so memory
     * stays fixed; two bookings sharing a stripe merely wait for each other.
     */
    private final ReentrantLock[] bookingStripes = IntStream.range(0, 256).mapToObj(i -> new ReentrantLock())
            .toArray(ReentrantLock[]::new);

    PaymentProcessor(GatewayCalls gateway, PaymentEventPublisher publisher, AppliedEvents applied, RefundReconciler refunds,
                     MeterRegistry registry,
                     @ConfigProperty(name = "mp.messaging.incoming.booking-events.delayed-retry-topic.topics")
                     List<String> retryTopics) {
        this.gateway = gateway;
        this.publisher = publisher;
        this.applied = applied;
        this.refunds = refunds;
        this.registry = registry;
        this.lastRetryTopic = retryTopics.get(retryTopics.size() - 1);
    }

    @Incoming("booking-events")
    @Blocking(value = "payment-gateway", ordered = false)
    public void onBookingEvent(ConsumerRecord<String, String> record) {
        EventEnvelope event = EventJson.read(record.value());
        boolean charge = EventTypes.BOOKING_CREATED.equals(event.type());
        boolean refund = EventTypes.REFUND_REQUESTED.equals(event.type());
        if (!(charge || refund)) {
            return;
        }
        BookingData booking = EventJson.data(event, BookingData.class);
        ReentrantLock stripe = bookingStripes[Math.floorMod(booking.bookingId().hashCode(), bookingStripes.length)];
        stripe.lock();
        try {
            if (applied.contains(event.id())) {
                return;
            }
            if (charge) {
                charge(record, event, booking);
            } else {
                refunds.requested(event);
            }
        } finally {
            stripe.unlock();
        }
    }

    private void charge(ConsumerRecord<String, String> record, EventEnvelope event, BookingData booking) {
        try {
            GatewayResult result = gateway.charge(event.idempotencyKey(), booking.bookingId(), booking.totalPrice(),
                    booking.currency());
            String type = result.approved() ? EventTypes.PAYMENT_SUCCEEDED : EventTypes.PAYMENT_FAILED;
            publisher.publish(event, type, new PaymentData(booking.bookingId(), result.paymentId(), booking.totalPrice(),
                    booking.currency(), result.reason()));
            finish(event, result.approved() ? "charged" : "declined");
        } catch (RuntimeException transientFailure) {
            registry.counter("payment.attempts.failed", "type", event.type()).increment();
            if (record.topic().equals(lastRetryTopic)) {
                LOG.warnf("payment for booking %s failed on its last retry: %s", booking.bookingId(),
                        transientFailure.toString());
                publisher.publish(event, EventTypes.PAYMENT_FAILED, new PaymentData(booking.bookingId(), null,
                        booking.totalPrice(), booking.currency(), "payment gateway unavailable, retries exhausted"));
                finish(event, "gave up");
            }
            throw transientFailure; // -> next retry topic, or the DLQ after the last one
        }
    }

    private void finish(EventEnvelope event, String outcome) {
        applied.record(event.id(), event.type(), outcome);
        registry.counter("payment.outcomes", "outcome", outcome).increment();
    }

}
