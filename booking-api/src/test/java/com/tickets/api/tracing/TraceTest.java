package com.tickets.api.tracing;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import com.tickets.api.KafkaTopics;
import com.tickets.api.access.BookingTokens;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.PaymentData;
import com.tickets.infra.TestTopics;
import com.tickets.observability.Traceparents;
import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request's trace goes into every outbox row it writes, and from there onto Kafka (the relay sends the
 * row's {@code traceparent} as the record's header, and nothing adds a second one): a booking written by a
 * batch writer thread carries its own request's trace, whoever else shares its batch; the events a payment
 * outcome causes carry the outcome record's trace; a cancel carries its request's; what the hold sweeper writes
 * carries a trace of its own.
 */
@QuarkusTest
class TraceTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    Fixtures fixtures;

    @Inject
    AgroalDataSource db;

    @Inject
    RecentSpans spans;

    @Inject
    BookingTokens tokens;

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyBookingOfABatchCarriesItsOwnRequestsTraceIntoItsOutboxRowAndOntoKafka() throws Exception {
        var tier = fixtures.concertWithTier("Traced batch", "10.00", 100);
        Map<UUID, String> traceOfBooking = new HashMap<>();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        List<String> traces = new ArrayList<>();
        try (Connection holder = db.getConnection()) {
            // the tier's row lock is held: the first request's batch waits for it, and the requests after it
            // queue up for the next batch, which one writer thread then writes in one transaction
            holder.setAutoCommit(false);
            holder.createStatement().execute("select 1 from ticket_tiers where id = '" + tier.tierId() + "' for update");
            for (int i = 0; i < 12; i++) {
                String trace = newTraceId();
                traces.add(trace);
                answers.add(book(tier.tierId(), tier.total(1), "00-" + trace + "-" + newSpanId() + "-01"));
                if (i == 0) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> fixtures.count("select count(*) from pg_locks where not granted") > 0);
                }
            }
            Thread.sleep(1500); // the other eleven reach their tier's queue
            holder.rollback();
        }
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> answer = answers.get(i).get();
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            traceOfBooking.put(UUID.fromString(answer.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1")), traces.get(i));
        }
        long availabilityEvents = fixtures.count("select count(*) from outbox where type = 'AvailabilityChanged' and aggregateid = ?::text",
                tier.tierId());
        assertThat(availabilityEvents).as("bookings were written several to a transaction").isLessThan(traceOfBooking.size());

        traceOfBooking.forEach((booking, trace) -> {
            SpanContext row = Traceparents.parse(traceparentOf(booking, "BookingCreated"));
            assertThat(row.getTraceId()).as("BookingCreated of " + booking).isEqualTo(trace);
            // the row names this service's span of the request: the server span, a child of the incoming header
            await().atMost(Duration.ofSeconds(10)).until(() -> spans.inTrace(trace).stream()
                    .anyMatch(s -> s.getSpanId().equals(row.getSpanId()) && s.getKind() == SpanKind.SERVER));
        });
        for (String availability : traceparentsOf(tier.tierId(), "AvailabilityChanged")) {
            assertThat(traces).as("an AvailabilityChanged is in the trace of its batch's last request")
                    .contains(Traceparents.parse(availability).getTraceId());
        }

        UUID one = traceOfBooking.keySet().iterator().next();
        var record = KafkaTopics.readRaw("booking.events", r -> r.key().equals(one.toString()), Duration.ofSeconds(20)).get(0);
        assertThat(record.headers().headers(Traceparents.HEADER)).as("one traceparent header").hasSize(1);
        assertThat(TestTopics.header(record, Traceparents.HEADER)).isEqualTo(traceparentOf(one, "BookingCreated"));
    }

    @Test
    void theEventsAPaymentOutcomeCausesCarryTheOutcomesTrace() throws Exception {
        var tier = fixtures.concertWithTier("Traced payment", "20.00", 10);
        String trace = newTraceId();
        HttpResponse<String> booked = book(tier.tierId(), tier.total(1), "00-" + trace + "-" + newSpanId() + "-01").get();
        UUID booking = UUID.fromString(booked.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1"));

        // payment-worker answers in the booking's trace, from a span of its own
        String paymentSpan = newSpanId();
        EventEnvelope succeeded = EventJson.envelope("PaymentSucceeded", booking.toString(), "key-of-" + booking,
                new PaymentData(booking, "pay_" + booking, new BigDecimal("20.00"), "USD", null), Instant.now());
        TestTopics.send("payment.events", booking.toString(), EventJson.write(succeeded), Map.of(
                EventEnvelope.HEADER_ID, succeeded.id().toString(), EventEnvelope.HEADER_TYPE, succeeded.type(),
                Traceparents.HEADER, "00-" + trace + "-" + paymentSpan + "-01"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "CONFIRMED".equals(fixtures.status(booking)));

        SpanContext confirmed = Traceparents.parse(traceparentOf(booking, "BookingConfirmed"));
        assertThat(confirmed.getTraceId()).isEqualTo(trace);
        // SmallRye's span for the record, a child of its header, is what the BookingConfirmed names
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.inTrace(trace).stream()
                .anyMatch(s -> s.getSpanId().equals(confirmed.getSpanId()) && s.getParentSpanId().equals(paymentSpan)
                        && s.getKind() == SpanKind.CONSUMER));
    }

    @Test
    void aCancelCarriesItsRequestsTrace() throws Exception {
        var tier = fixtures.concertWithTier("Traced cancel", "20.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "cancel-trace@example.com", 2, tier.total(2));
        String trace = newTraceId();
        HttpResponse<String> cancelled = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/bookings/" + booking + "/cancel"))
                .header("Authorization", "Bearer " + tokens.issue(booking))
                .header(Traceparents.HEADER, "00-" + trace + "-" + newSpanId() + "-01")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);

        assertThat(Traceparents.parse(traceparentOf(booking, "BookingCancelled")).getTraceId()).isEqualTo(trace);
        assertThat(traceparentsOf(tier.tierId(), "AvailabilityChanged")).extracting(t -> Traceparents.parse(t).getTraceId())
                .contains(trace);
    }

    @Test
    void anExpiredHoldsRowsCarryTheSweepersSpanAndTheRelayLinksItsBatchToThem() throws Exception {
        var tier = fixtures.concertWithTier("Traced expiry", "20.00", 10);
        String bookingTrace = newTraceId();
        HttpResponse<String> booked = book(tier.tierId(), tier.total(1), "00-" + bookingTrace + "-" + newSpanId() + "-01").get();
        assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);
        UUID booking = UUID.fromString(booked.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1"));
        fixtures.expireHoldNow(booking);
        await().atMost(Duration.ofSeconds(20)).until(() -> "EXPIRED".equals(fixtures.status(booking)));

        SpanContext expired = Traceparents.parse(traceparentOf(booking, "BookingExpired"));
        assertThat(expired.isValid()).as("the BookingExpired row has a traceparent").isTrue();
        assertThat(expired.getTraceId()).as("the sweeper's own trace, not the booking request's").isNotEqualTo(bookingTrace);
        // the row names the sweeper's span: a root span of its own, which the test exporter received
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.inTrace(expired.getTraceId()).stream()
                .anyMatch(s -> s.getSpanId().equals(expired.getSpanId()) && s.getName().equals("expire holds")
                        && !s.getParentSpanContext().isValid() && s.getKind() == SpanKind.INTERNAL));
        assertThat(traceparentsOf(tier.tierId(), "AvailabilityChanged")).as("the tickets given back are in the sweeper's trace")
                .contains(Traceparents.of(expired));

        // on Kafka the record carries the row's traceparent, the relay's batch span links to it and is none of its parents
        var record = KafkaTopics.readRaw("booking.events", r -> r.key().equals(booking.toString())
                && "BookingExpired".equals(TestTopics.header(r, EventEnvelope.HEADER_TYPE)), Duration.ofSeconds(20)).get(0);
        assertThat(record.headers().headers(Traceparents.HEADER)).as("one traceparent header").hasSize(1);
        assertThat(TestTopics.header(record, Traceparents.HEADER)).isEqualTo(Traceparents.of(expired));
        await().atMost(Duration.ofSeconds(10)).until(() -> spans.named("outbox publish").stream()
                .anyMatch(s -> s.getLinks().stream().anyMatch(l -> l.getSpanContext().getSpanId().equals(expired.getSpanId()))
                        && !s.getTraceId().equals(expired.getTraceId())));
    }

    private CompletableFuture<HttpResponse<String>> book(UUID tierId, BigDecimal total, String traceparent) {
        return HTTP.sendAsync(HttpRequest.newBuilder(base.resolve("/api/bookings"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header(Traceparents.HEADER, traceparent)
                .POST(HttpRequest.BodyPublishers.ofString(BookingRequests.body(tierId, "traced@example.com", 1, total)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String traceparentOf(UUID booking, String type) {
        List<String> found = query("select traceparent from outbox where aggregateid = ? and type = ?", booking.toString(), type);
        assertThat(found).as(type + " of " + booking).hasSize(1);
        return found.get(0);
    }

    private List<String> traceparentsOf(UUID tier, String type) {
        return query("select traceparent from outbox where aggregateid = ? and type = ? order by seq", tier.toString(), type);
    }

    private List<String> query(String sql, String... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String newSpanId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
