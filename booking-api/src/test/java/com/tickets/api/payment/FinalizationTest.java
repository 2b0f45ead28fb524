package com.tickets.api.payment;

import com.tickets.api.BookingRequests;
import com.tickets.api.access.BookingTokens;
import com.tickets.api.Fixtures;
import com.tickets.api.KafkaTopics;
import com.tickets.api.KafkaTopics.Received;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.PaymentData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Payment results, cancellations and expiry end holds exactly once, whatever order they come in. */
@QuarkusTest
class FinalizationTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BookingTokens tokens;

    @TestHTTPResource("/")
    URI base;

    @Test
    void paymentSuccessConfirmsTheBookingAndPublishesBookingConfirmed() {
        var tier = fixtures.concertWithTier("Confirm", "40.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "pay@example.com", 2, tier.total(2));

        sendPayment("PaymentSucceeded", booking, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> "CONFIRMED".equals(fixtures.status(booking)));
        assertThat(fixtures.available(tier.tierId())).isEqualTo(8);
        List<Received> events = bookingEvents(booking, 2);
        assertThat(events).extracting(r -> r.event().type()).containsExactly("BookingCreated", "BookingConfirmed");
        given().auth().oauth2(tokens.issue(booking)).get("/api/bookings/" + booking).then().body("booking.status", equalTo("CONFIRMED"));
    }

    @Test
    void aFinalPaymentFailureCancelsAndReturnsTheTicketsOnceEvenWhenDeliveredAgain() {
        var tier = fixtures.concertWithTier("Decline", "40.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "declined@example.com", 3, tier.total(3));
        EventEnvelope failed = payment("PaymentFailed", booking, "card declined");

        KafkaTopics.send("payment.events", booking.toString(), failed);
        KafkaTopics.send("payment.events", booking.toString(), failed); // the same event, redelivered
        sendPayment("PaymentFailed", booking, "card declined"); // a second failure report, new event id

        await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(fixtures.status(booking)));
        // a late success, applied after the failures above (one partition per booking): refunded, not re-taken
        sendPayment("PaymentSucceeded", booking, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> refundRequested(booking));
        assertThat(fixtures.available(tier.tierId())).isEqualTo(10);
        assertThat(bookingEvents(booking, 3)).extracting(r -> r.event().type())
                .containsExactly("BookingCreated", "BookingCancelled", "RefundRequested");
    }

    @Test
    void aWorkerThatGaveUpWithoutAGatewayAnswerCancelsAndAsksForARefundOnce() {
        var tier = fixtures.concertWithTier("Unknown outcome", "40.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "unknown@example.com", 2, tier.total(2));
        // no payment id: the gateway never answered, so the charge may have been taken all the same
        EventEnvelope gaveUp = EventJson.envelope("PaymentFailed", booking.toString(), "key-of-" + booking,
                new PaymentData(booking, null, new BigDecimal("80.00"), "USD", "payment gateway unavailable, retries exhausted"),
                Instant.now());

        KafkaTopics.send("payment.events", booking.toString(), gaveUp);
        KafkaTopics.send("payment.events", booking.toString(), gaveUp);

        await().atMost(Duration.ofSeconds(20)).until(() -> refundRequested(booking));
        assertThat(fixtures.status(booking)).isEqualTo("CANCELLED");
        assertThat(fixtures.available(tier.tierId())).isEqualTo(10);
        assertThat(bookingEvents(booking, 3)).extracting(r -> r.event().type())
                .containsExactly("BookingCreated", "BookingCancelled", "RefundRequested");
    }

    @Test
    void aChargeNeverStartedBecauseTheHoldEndedCancelsWithoutAnyRefund() {
        var tier = fixtures.concertWithTier("Too late to charge", "40.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "toolate@example.com", 2, tier.total(2));
        EventEnvelope notStarted = EventJson.envelope("PaymentFailed", booking.toString(), "key-of-" + booking,
                PaymentData.notAttempted(booking, new BigDecimal("80.00"), "USD", "the hold ended before the payment could start"),
                Instant.now());

        KafkaTopics.send("payment.events", booking.toString(), notStarted);

        await().atMost(Duration.ofSeconds(20)).until(() -> "CANCELLED".equals(fixtures.status(booking)));
        assertThat(fixtures.available(tier.tierId())).isEqualTo(10);
        assertThat(bookingEvents(booking, 2)).extracting(r -> r.event().type())
                .containsExactly("BookingCreated", "BookingCancelled");
        assertThat(refundRequested(booking)).isFalse();
    }

    @Test
    void anExpiredHoldReturnsItsTicketsAndALatePaymentIsRefundedOnce() {
        var tier = fixtures.concertWithTier("Expiry", "40.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "late@example.com", 4, tier.total(4));
        fixtures.expireHoldNow(booking);

        await().atMost(Duration.ofSeconds(20)).until(() -> "EXPIRED".equals(fixtures.status(booking)));
        assertThat(fixtures.available(tier.tierId())).isEqualTo(10);

        // Policy (docs/architecture.md): a success after expiry is refunded, the tickets are not taken again.
        sendPayment("PaymentSucceeded", booking, null);
        sendPayment("PaymentSucceeded", booking, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> refundRequested(booking));

        List<Received> events = bookingEvents(booking, 3);
        assertThat(events).extracting(r -> r.event().type())
                .containsExactly("BookingCreated", "BookingExpired", "RefundRequested");
        assertThat(fixtures.status(booking)).isEqualTo("EXPIRED");
        assertThat(fixtures.available(tier.tierId())).isEqualTo(10);
    }

    @Test
    void aPaymentThatSucceedsJustAfterTheHoldEndedConfirmsTheBookingInsteadOfRefundingIt() throws Exception {
        var tier = fixtures.concertWithTier("Grace", "40.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "grace@example.com", 2, tier.total(2));
        // the hold ended a moment ago, while its charge (started before the end) was still at the gateway
        fixtures.endHoldAgo(booking, Duration.ofSeconds(2));

        Thread.sleep(2500); // more than one sweep (every second in tests): the grace keeps the hold
        assertThat(fixtures.status(booking)).isEqualTo("PENDING");
        sendPayment("PaymentSucceeded", booking, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> "CONFIRMED".equals(fixtures.status(booking)));
        assertThat(refundRequested(booking)).isFalse();
        assertThat(fixtures.available(tier.tierId())).isEqualTo(8);
    }

    @Test
    void cancelExpiryAndPaymentFailureRacingReturnTheTicketsExactlyOnce() throws Exception {
        var tier = fixtures.concertWithTier("Race to the end", "5.00", 300);
        List<UUID> bookings = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            bookings.add(BookingRequests.book(base, tier.tierId(), "racer@example.com", 2, tier.total(2)));
        }
        assertThat(fixtures.available(tier.tierId())).isEqualTo(240);

        ExecutorService pool = Executors.newFixedThreadPool(24);
        CountDownLatch start = new CountDownLatch(1);
        for (UUID booking : bookings) {
            pool.submit(() -> {
                start.await();
                return given().auth().oauth2(tokens.issue(booking)).post("/api/bookings/" + booking + "/cancel").statusCode();
            });
            pool.submit(() -> {
                start.await();
                fixtures.expireHoldNow(booking);
                return 0;
            });
            pool.submit(() -> {
                start.await();
                sendPayment("PaymentFailed", booking, "declined");
                return 0;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> fixtures.count(
                "select count(*) from bookings where ticket_tier_id = ? and status = 'PENDING'", tier.tierId()) == 0);
        assertThat(fixtures.available(tier.tierId())).isEqualTo(300);
        assertThat(fixtures.count("select count(*) from outbox where aggregatetype = 'TicketTier' and aggregateid = ?",
                tier.tierId().toString())).isEqualTo(30 + 30); // one take and one give-back per booking
    }

    @Test
    void cancellingIsIdempotentAndAConfirmedBookingIsRefunded() {
        var tier = fixtures.concertWithTier("Cancel", "25.00", 10);
        UUID pending = BookingRequests.book(base, tier.tierId(), "cancel@example.com", 1, tier.total(1));
        String buyer = tokens.issue(pending);
        given().auth().oauth2(buyer).post("/api/bookings/" + pending + "/cancel").then().statusCode(200).body("booking.status", equalTo("CANCELLED"));
        given().auth().oauth2(buyer).post("/api/bookings/" + pending + "/cancel").then().statusCode(200).body("booking.status", equalTo("CANCELLED"));
        assertThat(fixtures.available(tier.tierId())).isEqualTo(10);

        UUID paid = BookingRequests.book(base, tier.tierId(), "cancel@example.com", 2, tier.total(2));
        sendPayment("PaymentSucceeded", paid, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CONFIRMED".equals(fixtures.status(paid)));
        given().auth().oauth2(tokens.issue(paid)).post("/api/bookings/" + paid + "/cancel").then().statusCode(200).body("booking.status", equalTo("CANCELLED"));
        given().auth().oauth2(tokens.issue(paid)).post("/api/bookings/" + paid + "/cancel").then().statusCode(200);
        assertThat(fixtures.available(tier.tierId())).isEqualTo(10);
        assertThat(bookingEvents(paid, 4)).extracting(r -> r.event().type())
                .containsExactly("BookingCreated", "BookingConfirmed", "BookingCancelled", "RefundRequested");

        given().auth().oauth2(buyer).post("/api/bookings/" + UUID.randomUUID() + "/cancel").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anUnreadablePaymentRecordGoesToTheDeadLetterTopicWithoutBlockingOthers() {
        var tier = fixtures.concertWithTier("Poison", "25.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "poison@example.com", 1, tier.total(1));
        KafkaTopics.sendRaw("payment.events", booking.toString(), "{ this is not an event");
        sendPayment("PaymentSucceeded", booking, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CONFIRMED".equals(fixtures.status(booking)));

        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> dead = KafkaTopics.readRaw(
                "payment.events.booking-api.dlq", r -> booking.toString().equals(r.key()), Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo("{ this is not an event");
        assertThat(dead.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
    }

    private boolean refundRequested(UUID booking) {
        return fixtures.count("select count(*) from bookings where id = ? and refund_requested_at is not null", booking) == 1;
    }

    private List<Received> bookingEvents(UUID booking, int distinctCount) {
        List<Received> all = KafkaTopics.readUntil("booking.events", r -> r.key().equals(booking.toString()),
                found -> found.stream().map(r -> r.event().id()).distinct().count() >= distinctCount, Duration.ofSeconds(30));
        // at-least-once: drop redeliveries of the same event id before checking order
        List<Received> distinct = new ArrayList<>();
        all.forEach(r -> {
            if (distinct.stream().noneMatch(d -> d.event().id().equals(r.event().id()))) {
                distinct.add(r);
            }
        });
        return distinct;
    }

    private static EventEnvelope payment(String type, UUID booking, String reason) {
        return EventJson.envelope(type, booking.toString(), "key-of-" + booking,
                new PaymentData(booking, "pay_" + booking, new BigDecimal("1.00"), "USD", reason), Instant.now());
    }

    private static void sendPayment(String type, UUID booking, String reason) {
        KafkaTopics.send("payment.events", booking.toString(), payment(type, booking, reason));
    }
}
