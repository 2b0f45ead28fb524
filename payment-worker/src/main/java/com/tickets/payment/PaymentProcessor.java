package com.tickets.payment;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.PaymentData;
import com.tickets.payment.gateway.GatewayCalls;
import com.tickets.payment.gateway.GatewayResult;
import com.tickets.observability.Traceparents;
import com.tickets.payment.refund.RefundReconciler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Charges for {@code BookingCreated} and refunds for {@code RefundRequested}.
 *
 * <p>Exactly once in effect, at least once in: an event whose id is in {@code applied_events} is
 * skipped; the gateway call carries the booking's idempotency key (or {@code refund:<key>}), so
 * a retry after a timeout or a crash finds the earlier charge instead of taking a second one;
 * the outcome event's id is derived from the booking event's id.
 *
 * <p>A charge's transient failure (timeout, gateway down, circuit open) nacks the record, and
 * SmallRye's {@code delayed-retry-topic} strategy redelivers it after each configured delay, then
 * dead-letters it. The first attempt's failure is reported first ({@code PaymentDelayed}), so that the
 * booking's hold lasts until the retries' answer. On the last attempt (the record came from the last retry topic; SmallRye's
 * {@code delayed-retry-count} header counts hops, not attempts) the worker first reports {@code PaymentFailed} ("retries exhausted"), so the
 * booking is cancelled and its tickets return, and then lets the record go to the DLQ for operators.
 * A refund does not wait for the gateway in the retry topics: it is handed to the {@link
 * RefundReconciler}, which owes it in the database and retries it until it is paid (only when
 * that database refuses the record does it go the charges' way).
 *
 * <p>Many records at once: a gateway call takes tens to hundreds of milliseconds and holds no
 * thread ({@link com.tickets.payment.gateway.PaymentGateway} is asynchronous), so up to {@code
 * payment.max-in-flight} records are handled at once ({@link InFlightWindow}: Kafka is asked for
 * more only as records finish). One booking's records (the topic is keyed by booking id) are
 * handled one at a time and in order: a duplicate delivered right behind the original (the relay
 * is at-least-once) finds it applied instead of racing it to the gateway, and a {@code
 * RefundRequested} never overtakes its {@code BookingCreated}. A record is acked only once its
 * outcome is published and acknowledged by the broker and written to {@code applied_events};
 * the connector's {@code throttled} strategy commits only past records that are all acked, so a
 * crash redelivers whatever was in flight. The JDBC steps run on worker threads
 * ({@link OffTheEventLoop}), nothing else does, and wait for the worker's database while it is away
 * ({@link OwnDatabase}) rather than send the record to the retry topics, which are for the gateway.
 *
 * <p>Each charge and refund is a span ({@code payment charge}, {@code payment refund}) in the booking's
 * trace: a child of the record's (its {@code traceparent} header, through SmallRye's span for the record),
 * and the outcome it publishes carries it on ({@link PaymentEventPublisher}).
 */
@ApplicationScoped
public class PaymentProcessor {

    private static final Logger LOG = Logger.getLogger(PaymentProcessor.class);

    /** The reason of a {@code PaymentFailed} for a charge never started because its hold had ended. */
    public static final String HOLD_ENDED = "the hold ended before the payment could start";

    private final GatewayCalls gateway;
    private final PaymentEventPublisher publisher;
    private final AppliedEventsTable applied;
    private final RefundReconciler refunds;
    private final OwnDatabase database;
    private final MeterRegistry registry;
    private final String lastRetryTopic;
    private final String firstAttemptTopic;
    private final Duration retriesEndWithin;
    private final InFlightWindow<Message<String>> window;
    private final Tracer tracer;

    PaymentProcessor(GatewayCalls gateway, PaymentEventPublisher publisher, AppliedEventsTable applied, RefundReconciler refunds,
                     OwnDatabase database, MeterRegistry registry, PaymentConfig config, Tracer tracer,
                     @ConfigProperty(name = "mp.messaging.incoming.booking-events.delayed-retry-topic.topics")
                     List<String> retryTopics,
                     @ConfigProperty(name = "mp.messaging.incoming.booking-events.delayed-retry-topic.timeout")
                     long retriesEndWithinMillis) {
        this.gateway = gateway;
        this.publisher = publisher;
        this.applied = applied;
        this.refunds = refunds;
        this.database = database;
        this.registry = registry;
        this.tracer = tracer;
        this.lastRetryTopic = retryTopics.get(retryTopics.size() - 1);
        this.firstAttemptTopic = config.topic().bookingEvents();
        this.retriesEndWithin = Duration.ofMillis(retriesEndWithinMillis);
        this.window = new InFlightWindow<>(config.maxInFlight(), PaymentProcessor::bookingKey, this::handle);
        Gauge.builder("payment.records.in.flight", window, InFlightWindow::inFlight)
                .description("Booking events taken from Kafka and not yet finished (at most payment.max-in-flight)")
                .register(registry);
    }

    @Incoming("booking-events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Flow.Subscriber<Message<String>> bookingEvents() {
        return window;
    }

    /** The most records in flight at once since the last {@link #resetMostInFlight()} (tests). */
    public int mostInFlight() {
        return window.mostInFlight();
    }

    public void resetMostInFlight() {
        window.resetMostInFlight();
    }

    /** booking.events are keyed by booking id: one booking's records share a key. */
    private static String bookingKey(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getKey)
                .map(Object::toString).orElse(null);
    }

    /** Acks the record once it is done with, nacks it (retry topic, then DLQ) when that failed; never fails itself. */
    private Uni<Void> handle(Message<String> message) {
        Uni<Void> handling;
        try {
            handling = process(message);
        } catch (RuntimeException poison) { // not JSON, not an envelope
            handling = Uni.createFrom().failure(poison);
        }
        return handling.onItemOrFailure().transformToUni((done, failure) -> failure == null
                ? Uni.createFrom().completionStage(message::ack)
                : Uni.createFrom().completionStage(() -> message.nack(failure)))
                .onFailure().recoverWithItem(ackFailed -> {
                    LOG.warnf("could not settle a record: %s", ackFailed.toString());
                    return null;
                });
    }

    private Uni<Void> process(Message<String> message) {
        EventEnvelope event = EventJson.read(message.getPayload());
        boolean charge = EventTypes.BOOKING_CREATED.equals(event.type());
        boolean refund = EventTypes.REFUND_REQUESTED.equals(event.type());
        if (!(charge || refund)) {
            return Uni.createFrom().voidItem();
        }
        BookingData booking = EventJson.data(event, BookingData.class);
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("");
        Span span = tracer.spanBuilder(charge ? "payment charge" : "payment refund")
                .setParent(Traceparents.contextOf(message))
                .setAttribute("booking.id", booking.bookingId().toString())
                .setAttribute("event.id", event.id().toString())
                .setAttribute("messaging.source.name", topic)
                .startSpan();
        String traceparent = Traceparents.of(span.getSpanContext());
        return database.whenAnswering(OffTheEventLoop.supply(() -> applied.contains(event.id())))
                .chain(done -> {
                    if (done) {
                        span.setAttribute("payment.duplicate", true);
                        return Uni.createFrom().voidItem();
                    }
                    return charge ? charge(topic, event, booking, traceparent)
                            : database.whenAnswering(refunds.requested(event, traceparent));
                })
                .onItemOrFailure().invoke((ignored, failure) -> {
                    if (failure != null) {
                        span.recordException(failure);
                        span.setStatus(StatusCode.ERROR);
                    }
                    span.end();
                });
    }

    /**
     * A first attempt whose hold has already ended is not started: booking-api may expire the booking
     * at any moment, and a charge taken then would only be refunded. {@code PaymentFailed} ends the
     * booking instead, with no money moved (docs/architecture.md, "Holds"). A retry goes to the
     * gateway whatever the time: an earlier attempt may have charged, and only asking again with the
     * same key tells (a late success is then refunded by booking-api).
     */
    private Uni<Void> charge(String topic, EventEnvelope event, BookingData booking, String traceparent) {
        if (topic.equals(firstAttemptTopic) && booking.holdExpiresAt() != null
                && !Instant.now().isBefore(booking.holdExpiresAt())) {
            registry.counter("payment.charges.not.started", "reason", "hold ended").increment();
            return publisher.publish(event, EventTypes.PAYMENT_FAILED,
                            PaymentData.notAttempted(booking.bookingId(), booking.totalPrice(), booking.currency(), HOLD_ENDED),
                            traceparent)
                    .chain(() -> finish(event, "hold ended"));
        }
        return gateway.charge(event.idempotencyKey(), booking.bookingId(), booking.totalPrice(), booking.currency())
                .chain(result -> reportCharged(event, booking, result, traceparent))
                .onFailure().call(transientFailure -> {
                    registry.counter("payment.attempts.failed", "type", event.type()).increment();
                    if (topic.equals(firstAttemptTopic)) {
                        return delayed(event, booking, transientFailure, traceparent); // -> the first retry topic
                    }
                    if (!topic.equals(lastRetryTopic)) {
                        return Uni.createFrom().voidItem(); // -> the next retry topic
                    }
                    LOG.warnf("payment for booking %s failed on its last retry: %s", booking.bookingId(),
                            transientFailure.toString());
                    return publisher.publish(event, EventTypes.PAYMENT_FAILED, new PaymentData(booking.bookingId(), null,
                                    booking.totalPrice(), booking.currency(), "payment gateway unavailable, retries exhausted"),
                                    traceparent)
                            .chain(() -> finish(event, "gave up"));
                    // and the failure goes on: the record is nacked, to the DLQ after the last retry topic
                });
    }

    /**
     * The first attempt got no answer: {@code PaymentDelayed} tells booking-api to hold the tickets until the
     * final outcome, which the retries publish within the retry topics' timeout (SmallRye dead-letters a record
     * older than that). Without it, a charge taken by an attempt that timed out just before the hold's end
     * would be reported by a retry after the hold, and the booking would be expired and refunded
     * (docs/architecture.md, "Holds"). Published once, on the first attempt; the event id is derived from the
     * booking event's, so a redelivery publishes the same event. Not being able to publish it changes nothing
     * about the retry.
     */
    private Uni<Void> delayed(EventEnvelope event, BookingData booking, Throwable failure, String traceparent) {
        return publisher.publish(event, EventTypes.PAYMENT_DELAYED, PaymentData.delayed(booking.bookingId(),
                        booking.totalPrice(), booking.currency(), "no answer from the payment gateway: " + failure,
                        Instant.now().plus(retriesEndWithin)), traceparent)
                .invoke(() -> registry.counter("payment.charges.delayed").increment())
                .onFailure().recoverWithUni(notPublished -> {
                    LOG.warnf("PaymentDelayed of booking %s not published: %s", booking.bookingId(), notPublished.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<Void> reportCharged(EventEnvelope event, BookingData booking, GatewayResult result, String traceparent) {
        String type = result.approved() ? EventTypes.PAYMENT_SUCCEEDED : EventTypes.PAYMENT_FAILED;
        return publisher.publish(event, type, new PaymentData(booking.bookingId(), result.paymentId(), booking.totalPrice(),
                        booking.currency(), result.reason()), traceparent)
                .chain(() -> finish(event, result.approved() ? "charged" : "declined"));
    }

    private Uni<Void> finish(EventEnvelope event, String outcome) {
        return database.whenAnswering(applied.record(event.id(), event.type(), outcome))
                .invoke(() -> registry.counter("payment.outcomes", "outcome", outcome).increment());
    }
}
