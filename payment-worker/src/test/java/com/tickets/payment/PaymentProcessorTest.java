package com.tickets.payment;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.infra.Infrastructure;
import com.tickets.infra.PostgresServer;
import com.tickets.infra.TestTopics;
import com.tickets.payment.gateway.SimulatedPaymentGateway;
import com.tickets.payment.gateway.SimulatedPaymentGateway.Behaviour;
import io.agroal.api.AgroalDataSource;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real Kafka in and out, real PostgreSQL ledger: charges happen once, failures end somewhere. */
@QuarkusTest
class PaymentProcessorTest {

    @Inject
    SimulatedPaymentGateway gateway;

    @Inject
    AgroalDataSource db;

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void behaveNormally() {
        gateway.behave(new Behaviour(Duration.ofMillis(10), 0.0, 0.0, 0));
    }

    @Test
    void aHeldBookingIsChargedOnceAndReportedAsSucceeded() {
        EventEnvelope created = bookingEvent("BookingCreated", "45.00");
        send("booking.events", created);
        send("booking.events", created); // redelivered

        List<EventEnvelope> outcomes = paymentEventsFor(created, found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertThat(outcomes.get(0).type()).isEqualTo("PaymentSucceeded");
        assertThat(outcomes.get(0).idempotencyKey()).isEqualTo(created.idempotencyKey());
        assertThat(outcomes.get(0).data().get("amount").decimalValue()).isEqualByComparingTo("45.00");
        sleep(1500);
        assertThat(ledgerRows(created)).isEqualTo(1);
        assertThat(paymentEventsFor(created, found -> false, Duration.ofSeconds(2)).stream().map(EventEnvelope::id).distinct())
                .hasSize(1);
    }

    @Test
    void aBookingWhoseHoldEndedBeforeItsChargeCouldStartIsReportedFailedWithoutAskingTheGateway() {
        EventEnvelope late = bookingEvent("BookingCreated", "30.00", Instant.now().minusSeconds(1));
        send("booking.events", late);

        List<EventEnvelope> outcomes = paymentEventsFor(late, found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertThat(outcomes.get(0).type()).isEqualTo("PaymentFailed");
        assertThat(outcomes.get(0).data().get("chargeAttempted").asBoolean(true)).isFalse();
        assertThat(outcomes.get(0).data().get("reason").asText()).isEqualTo(PaymentProcessor.HOLD_ENDED);
        assertThat(ledgerRows(late)).isZero(); // nothing charged, so nothing to refund
    }

    @Test
    void aDeclinedCardIsAFinalPaymentFailure() {
        gateway.behave(new Behaviour(Duration.ofMillis(10), 1.0, 0.0, 0));
        EventEnvelope created = bookingEvent("BookingCreated", "10.00");
        send("booking.events", created);
        List<EventEnvelope> outcomes = paymentEventsFor(created, found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertThat(outcomes.get(0).type()).isEqualTo("PaymentFailed");
        assertThat(outcomes.get(0).data().get("reason").asText()).contains("declined");
    }

    @Test
    void aFirstAttemptWithoutAnAnswerIsReportedDelayedThenRetriedWithTheSameKeyAndChargedOnce() {
        gateway.behave(new Behaviour(Duration.ofMillis(10), 0.0, 0.0, 2)); // the first two calls time out
        EventEnvelope created = bookingEvent("BookingCreated", "20.00");
        Instant sent = Instant.now();
        send("booking.events", created);
        List<EventEnvelope> outcomes = paymentEventsFor(created, PaymentProcessorTest::hasFinalOutcome, Duration.ofSeconds(30));
        assertThat(outcomes).extracting(EventEnvelope::type).containsExactly("PaymentDelayed", "PaymentSucceeded");
        // the hold is to last until the retries' end: the retry topics' timeout (40 min) after the attempt
        Instant answerBy = Instant.parse(outcomes.get(0).data().get("answerBy").asText());
        assertThat(answerBy).isBetween(sent.plus(Duration.ofMinutes(40)), Instant.now().plus(Duration.ofMinutes(40)));
        assertThat(outcomes.get(0).data().get("reason").asText()).startsWith("no answer from the payment gateway");
        assertThat(ledgerRows(created)).isEqualTo(1);
    }

    @Test
    void whenEveryRetryFailsTheBookingIsReportedFailedAndTheRecordIsDeadLettered() {
        gateway.behave(new Behaviour(Duration.ofMillis(10), 0.0, 0.0, 1000)); // the gateway is down throughout
        EventEnvelope created = bookingEvent("BookingCreated", "30.00");
        send("booking.events", created);

        List<EventEnvelope> outcomes = paymentEventsFor(created, PaymentProcessorTest::hasFinalOutcome, Duration.ofSeconds(40));
        assertThat(outcomes).extracting(EventEnvelope::type).containsExactly("PaymentDelayed", "PaymentFailed");
        assertThat(outcomes.get(1).data().get("reason").asText()).contains("retries exhausted");
        List<ConsumerRecord<String, String>> dead = read("booking.events.payment-worker.dlq",
                r -> r.key().equals(created.aggregateId()), found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertThat(dead).hasSize(1);
        // the delayed-retry strategy dead-letters with its own cause headers
        assertThat(new String(dead.get(0).headers().lastHeader("delayed-retry-reason").value())).contains("gateway unreachable");
        assertThat(ledgerRows(created)).isZero();
    }

    @Test
    void whileItsDatabaseIsAwayAChargeWaitsInFlightAndIsPaidOnceItIsBackNotDeadLettered() throws Exception {
        EventEnvelope created = bookingEvent("BookingCreated", "25.00");
        String database = currentDatabase();
        refuseConnections(database, true); // longer than the test's retry topics (1 s + 2 s) wait in all
        try {
            send("booking.events", created);
            sleep(6_000);
            assertThat(paymentEventsFor(created, found -> false, Duration.ofMillis(500))).isEmpty();
        } finally {
            refuseConnections(database, false);
        }

        List<EventEnvelope> outcomes = paymentEventsFor(created, found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(outcomes.get(0).type()).isEqualTo("PaymentSucceeded");
        assertThat(ledgerRows(created)).isEqualTo(1);
        assertThat(read("booking.events.payment-worker.dlq", r -> r.key().equals(created.aggregateId()),
                found -> false, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aTimeoutAfterTheChargeWasTakenIsAnsweredFromTheLedgerOnRetryNotChargedAgain() {
        gateway.behave(new Behaviour(Duration.ofMillis(10), 0.0, 1.0, 0)); // every response is lost or refused
        EventEnvelope created = bookingEvent("BookingCreated", "18.00");
        send("booking.events", created);
        List<EventEnvelope> outcomes = paymentEventsFor(created, PaymentProcessorTest::hasFinalOutcome, Duration.ofSeconds(30));
        assertThat(outcomes).extracting(EventEnvelope::type).first().isEqualTo("PaymentDelayed");
        assertThat(outcomes.get(outcomes.size() - 1).type()).isIn("PaymentSucceeded", "PaymentFailed");
        assertThat(ledgerRows(created)).isLessThanOrEqualTo(1);
    }

    @Test
    void aCallSlowerThanTheCallTimeoutIsAbandonedOnEveryAttemptAndTheBookingReportedFailed() {
        // the asynchronous call is guarded like the blocking one was: 3 s > the 2 s @Timeout
        gateway.behave(new Behaviour(Duration.ofSeconds(3), 0.0, 0.0, 0));
        try {
            EventEnvelope created = bookingEvent("BookingCreated", "22.00");
            send("booking.events", created);
            List<EventEnvelope> outcomes = paymentEventsFor(created, PaymentProcessorTest::hasFinalOutcome, Duration.ofSeconds(40));
            assertThat(outcomes).extracting(EventEnvelope::type).containsExactly("PaymentDelayed", "PaymentFailed");
            assertThat(outcomes.get(1).data().get("reason").asText()).contains("retries exhausted");
            // the provider may still have taken it after the worker stopped waiting: once at most (booking-api refunds it)
            assertThat(ledgerRows(created)).isLessThanOrEqualTo(1);
        } finally {
            breakers.resetAll(); // its three failures must not open the breaker for the tests after it
        }
    }

    @Test
    void aPoisonRecordIsDeadLetteredWithoutBlockingTheRecordsBehindIt() {
        String poisonKey = UUID.randomUUID().toString();
        sendRaw("booking.events", poisonKey, "{ not json");
        EventEnvelope created = bookingEvent("BookingCreated", "12.00");
        send("booking.events", created);
        assertThat(paymentEventsFor(created, found -> !found.isEmpty(), Duration.ofSeconds(20))).isNotEmpty();
        assertThat(read("booking.events.payment-worker.dlq", r -> r.key().equals(poisonKey), found -> !found.isEmpty(),
                Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void aRefundRequestIsRefundedOnce() {
        EventEnvelope created = bookingEvent("BookingCreated", "15.00");
        send("booking.events", created);
        assertThat(paymentEventsFor(created, found -> !found.isEmpty(), Duration.ofSeconds(20)).get(0).type())
                .isEqualTo("PaymentSucceeded");
        EventEnvelope refund = sameBooking(created, "RefundRequested");
        send("booking.events", refund);
        send("booking.events", refund);
        List<EventEnvelope> outcomes = paymentEventsFor(refund, found -> found.size() >= 2, Duration.ofSeconds(20));
        assertThat(outcomes).extracting(EventEnvelope::type).containsExactly("PaymentSucceeded", "RefundSucceeded");
        sleep(1000);
        assertThat(count("select count(*) from gateway_ledger where kind = 'REFUND' and approved and idempotency_key = ?",
                "refund:" + refund.idempotencyKey())).isEqualTo(1);
    }

    @Test
    void aRefundTheGatewayCannotTakeStaysOwedAndIsPaidOnceItRecovers() {
        EventEnvelope created = bookingEvent("BookingCreated", "25.00");
        send("booking.events", created);
        assertThat(paymentEventsFor(created, found -> !found.isEmpty(), Duration.ofSeconds(20)).get(0).type())
                .isEqualTo("PaymentSucceeded");
        gateway.behave(new Behaviour(Duration.ofMillis(10), 0.0, 0.0, 6)); // the refund's first six calls fail
        EventEnvelope refund = sameBooking(created, "RefundRequested");
        send("booking.events", refund);

        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "select count(*) from owed_refunds where event_id = ?::uuid and attempts >= 3 and last_error is not null",
                refund.id().toString()) == 1);
        List<EventEnvelope> outcomes = paymentEventsFor(refund, found -> found.size() >= 2, Duration.ofSeconds(30));
        assertThat(outcomes).extracting(EventEnvelope::type).containsExactly("PaymentSucceeded", "RefundSucceeded");
        assertThat(count("select count(*) from gateway_ledger where kind = 'REFUND' and approved and idempotency_key = ?",
                "refund:" + refund.idempotencyKey())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                count("select count(*) from owed_refunds where event_id = ?::uuid", refund.id().toString()) == 0);
        assertThat(read("booking.events.payment-worker.dlq", r -> r.key().equals(refund.aggregateId()), found -> false,
                Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aRefundOfAChargeThatNeverWentThroughReturnsNothing() {
        // what booking-api asks for when the worker gave up without knowing whether the charge was taken
        EventEnvelope refund = bookingEvent("RefundRequested", "15.00");
        send("booking.events", refund);
        assertThat(paymentEventsFor(refund, found -> !found.isEmpty(), Duration.ofSeconds(20)).get(0).type())
                .isEqualTo("RefundSucceeded");
        assertThat(count("select count(*) from gateway_ledger where kind = 'REFUND' and not approved and idempotency_key = ?",
                "refund:" + refund.idempotencyKey())).isEqualTo(1);
    }

    // --- helpers ---

    private static EventEnvelope bookingEvent(String type, String total) {
        return bookingEvent(type, total, Instant.now().plusSeconds(600));
    }

    private static EventEnvelope bookingEvent(String type, String total, Instant holdExpiresAt) {
        UUID bookingId = UUID.randomUUID();
        BookingData data = new BookingData(bookingId, UUID.randomUUID(), "Show", Instant.now(), "Test Hall", "UTC",
                UUID.randomUUID(), "GA",
                "buyer@example.com", 1, new BigDecimal(total), new BigDecimal(total), "USD", "PENDING", Instant.now(),
                holdExpiresAt, null, "organizer");
        return EventJson.envelope(type, bookingId.toString(), "key-" + bookingId, data, Instant.now());
    }

    /** Another event about the booking {@code earlier} is about, with the same idempotency key. */
    private static EventEnvelope sameBooking(EventEnvelope earlier, String type) {
        return EventJson.envelope(type, earlier.aggregateId(), earlier.idempotencyKey(), earlier.data(), Instant.now());
    }

    private String currentDatabase() throws SQLException {
        try (var c = db.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("select current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The database as a restart leaves it for its clients: no new connection (SQLSTATE 55000), and
     * those open are cut. Done from the server's {@code postgres} database, as its superuser.
     */
    private static void refuseConnections(String database, boolean refuse) throws SQLException {
        PostgresServer server = Infrastructure.postgres();
        try (var admin = DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), server.password());
             var s = admin.createStatement()) {
            s.execute("alter database \"" + database + "\" allow_connections " + !refuse);
            if (refuse) {
                s.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
            }
        }
    }

    private long ledgerRows(EventEnvelope created) {
        return count("select count(*) from gateway_ledger where booking_id = ?::uuid", created.aggregateId());
    }

    private long count(String sql, String param) {
        try (var c = db.getConnection(); var s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(String topic, EventEnvelope event) {
        sendRaw(topic, event.aggregateId(), EventJson.write(event));
    }

    private static void sendRaw(String topic, String key, String value) {
        TestTopics.send(topic, key, value);
    }

    private static List<EventEnvelope> paymentEventsFor(EventEnvelope cause, Predicate<List<ConsumerRecord<String, String>>> done,
                                                        Duration timeout) {
        return read("payment.events", r -> r.key().equals(cause.aggregateId()), done, timeout).stream()
                .map(r -> EventJson.read(r.value())).toList();
    }

    /** A charge's final outcome is among the records: anything but a {@code PaymentDelayed}. */
    private static boolean hasFinalOutcome(List<ConsumerRecord<String, String>> found) {
        return found.stream().anyMatch(r -> !"PaymentDelayed".equals(EventJson.read(r.value()).type()));
    }

    private static List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                             Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        return TestTopics.read(topic, r -> r.key() != null && match.test(r), done, timeout);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
