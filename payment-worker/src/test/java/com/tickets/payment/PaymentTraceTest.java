package com.tickets.payment;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.infra.TestTopics;
import com.tickets.observability.Traceparents;
import com.tickets.payment.gateway.SimulatedPaymentGateway;
import com.tickets.payment.gateway.SimulatedPaymentGateway.Behaviour;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A booking event's trace goes on through the charge (or refund) to the payment event that reports it:
 * the worker's span is a child of the record's, and its traceparent is the outcome's one header.
 */
@QuarkusTest
class PaymentTraceTest {

    @Inject
    RecentSpans spans;

    @Inject
    SimulatedPaymentGateway gateway;

    @Test
    void aChargeIsASpanInTheBookingsTraceAndItsOutcomeCarriesIt() {
        String trace = hex(32);
        String relayed = hex(16); // the span of booking-api's that wrote the BookingCreated
        EventEnvelope created = bookingEvent("BookingCreated", UUID.randomUUID());
        send(created, "00-" + trace + "-" + relayed + "-01");

        ConsumerRecord<String, String> outcome = outcomeOf(created, "PaymentSucceeded");
        assertThat(outcome.headers().headers(Traceparents.HEADER)).as("one traceparent header").hasSize(1);
        SpanContext reported = Traceparents.parse(TestTopics.header(outcome, Traceparents.HEADER));
        assertThat(reported.getTraceId()).isEqualTo(trace);

        SpanData charge = exported(trace, reported.getSpanId());
        assertThat(charge.getName()).isEqualTo("payment charge");
        assertThat(charge.getAttributes().asMap().toString()).contains(created.aggregateId());
        // its parent is SmallRye's span for the record, a child of the record's header
        SpanData received = exported(trace, charge.getParentSpanId());
        assertThat(received.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(received.getParentSpanId()).isEqualTo(relayed);
    }

    @Test
    void aRefundPaidAtOnceIsReportedInTheTraceOfItsRequest() {
        String trace = hex(32);
        SpanContext reported = refundRequestedInTrace(chargedBooking(), trace);
        assertThat(reported.getTraceId()).isEqualTo(trace);
        assertThat(exported(trace, reported.getSpanId()).getName()).isEqualTo("payment refund");
    }

    @Test
    void aRefundPaidLaterByTheReconcilerIsReportedInTheTraceOfItsRequestToo() {
        UUID booking = chargedBooking();
        gateway.behave(new Behaviour(Duration.ofMillis(10), 0.0, 0.0, 1)); // the first attempt fails: the refund stays owed
        try {
            String trace = hex(32);
            SpanContext reported = refundRequestedInTrace(booking, trace);
            assertThat(reported.getTraceId()).isEqualTo(trace);
            SpanData retry = exported(trace, reported.getSpanId());
            assertThat(retry.getName()).isEqualTo("payment refund");
            assertThat(retry.getAttributes().asMap().toString()).contains("payment.attempt=2");
        } finally {
            gateway.behave(new Behaviour(Duration.ofMillis(10), 0.0, 0.0, 0));
        }
    }

    /** A booking charged and reported, for a refund to be asked of. */
    private static UUID chargedBooking() {
        UUID booking = UUID.randomUUID();
        send(bookingEvent("BookingCreated", booking), null);
        outcomeOf(bookingEvent("BookingCreated", booking), "PaymentSucceeded");
        return booking;
    }

    /** Asks for the booking's refund in the trace {@code trace}; the span context its {@code RefundSucceeded} carries. */
    private static SpanContext refundRequestedInTrace(UUID booking, String trace) {
        EventEnvelope refund = bookingEvent("RefundRequested", booking);
        send(refund, "00-" + trace + "-" + hex(16) + "-01");
        ConsumerRecord<String, String> refunded = outcomeOf(refund, "RefundSucceeded");
        return Traceparents.parse(TestTopics.header(refunded, Traceparents.HEADER));
    }

    private SpanData exported(String trace, String spanId) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> spans.inTrace(trace).stream().filter(s -> s.getSpanId().equals(spanId)).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** The same booking id and key for every event of one booking, as booking-api writes them. */
    private static EventEnvelope bookingEvent(String type, UUID bookingId) {
        BookingData data = new BookingData(bookingId, UUID.randomUUID(), "Show", Instant.now(), "Test Hall", "UTC",
                UUID.randomUUID(), "GA",
                "buyer@example.com", 1, new BigDecimal("25.00"), new BigDecimal("25.00"), "USD", "PENDING", Instant.now(),
                Instant.now().plusSeconds(600), null, "organizer");
        return EventJson.envelope(type, bookingId.toString(), "key-" + bookingId, data, Instant.now());
    }

    private static void send(EventEnvelope event, String traceparent) {
        Map<String, String> headers = traceparent == null ? Map.of() : Map.of(Traceparents.HEADER, traceparent);
        TestTopics.send("booking.events", event.aggregateId(), EventJson.write(event), headers);
    }

    private static ConsumerRecord<String, String> outcomeOf(EventEnvelope cause, String type) {
        List<ConsumerRecord<String, String>> found = TestTopics.read("payment.events",
                r -> cause.aggregateId().equals(r.key()) && EventJson.read(r.value()).type().equals(type),
                f -> !f.isEmpty(), Duration.ofSeconds(30));
        assertThat(found).as(type + " of " + cause.aggregateId()).isNotEmpty();
        return found.get(0);
    }

    private static String hex(int length) {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, length);
    }
}
