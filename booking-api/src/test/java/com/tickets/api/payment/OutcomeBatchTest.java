package com.tickets.api.payment;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import com.tickets.api.booking.HoldExpirySweeper;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.PaymentData;
import com.tickets.infra.Infrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Payment outcomes applied many per transaction: order per booking, duplicates, one availability event per tier, poison records. */
@QuarkusTest
class OutcomeBatchTest {

    @Inject
    Fixtures fixtures;

    @Inject
    PaymentOutcomeApplier applier;

    @Inject
    AgroalDataSource db;

    @Inject
    HoldExpirySweeper sweeper;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aSuccessItsDuplicateAndTheRefundOfOneBookingInOneBatchApplyInOrder() throws Exception {
        var tier = fixtures.concertWithTier("Batch order", "30.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "order@example.com", 2, tier.total(2));
        UUID paid = UUID.randomUUID();

        assertThat(applier.apply(List.of(PaymentOutcome.succeeded(paid, booking), PaymentOutcome.succeeded(paid, booking),
                PaymentOutcome.refunded(UUID.randomUUID(), booking)))).isEmpty();

        assertThat(fixtures.status(booking)).isEqualTo("CONFIRMED");
        assertThat(fixtures.count("select count(*) from bookings where id = ? and refunded_at is not null", booking)).isEqualTo(1);
        assertThat(outboxTypes(booking)).containsExactly("BookingCreated", "BookingConfirmed");
        assertThat(fixtures.count("select count(*) from ticket_codes where booking_id = ?", booking)).isEqualTo(2);
        assertThat(fixtures.available(tier.tierId())).isEqualTo(8);

        // the same batch delivered again (a consumer restart before its offsets were committed): nothing more
        assertThat(applier.apply(List.of(PaymentOutcome.succeeded(paid, booking)))).isEmpty();
        assertThat(outboxTypes(booking)).containsExactly("BookingCreated", "BookingConfirmed");
    }

    @Test
    void aFailureItsDuplicateAndALateSuccessInOneBatchReturnTheTicketsOnceAndRefundOnce() throws Exception {
        var tier = fixtures.concertWithTier("Batch duplicate", "30.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "dup@example.com", 3, tier.total(3));
        UUID other = BookingRequests.book(base, tier.tierId(), "dup@example.com", 1, tier.total(1));
        UUID declined = UUID.randomUUID();

        assertThat(applier.apply(List.of(PaymentOutcome.failed(declined, booking, "card declined", false),
                PaymentOutcome.succeeded(UUID.randomUUID(), other),
                PaymentOutcome.failed(declined, booking, "card declined", false),
                PaymentOutcome.succeeded(UUID.randomUUID(), booking)))).isEmpty();

        assertThat(fixtures.status(booking)).isEqualTo("CANCELLED");
        assertThat(fixtures.status(other)).isEqualTo("CONFIRMED");
        assertThat(outboxTypes(booking)).containsExactly("BookingCreated", "BookingCancelled", "RefundRequested");
        assertThat(fixtures.available(tier.tierId())).isEqualTo(9);
        assertThat(fixtures.count("select count(*) from inventory_audit where booking_id = ? and reason = 'PAYMENT_FAILED' "
                + "and delta = 3 and actor = 'payment-worker'", booking)).isEqualTo(1);
        assertThat(recomputedAvailability(tier.tierId())).isEqualTo(9);
    }

    @Test
    void manyFailuresOnOneTierInOneBatchWriteOneAvailabilityChangedWithWhatIsLeft() throws Exception {
        var tier = fixtures.concertWithTier("Batch give-back", "10.00", 50);
        var otherTier = fixtures.concertWithTier("Batch give-back 2", "10.00", 50);
        List<UUID> bookings = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bookings.add(BookingRequests.book(base, tier.tierId(), "many@example.com", 1 + i % 3, tier.total(1 + i % 3)));
        }
        UUID elsewhere = BookingRequests.book(base, otherTier.tierId(), "many@example.com", 4, otherTier.total(4));
        UUID kept = BookingRequests.book(base, tier.tierId(), "many@example.com", 2, tier.total(2));
        assertThat(fixtures.available(tier.tierId())).isEqualTo(50 - 24 - 2);
        long availabilityEventsBefore = availabilityEvents(tier.tierId());

        List<PaymentOutcome> batch = new ArrayList<>();
        bookings.forEach(b -> batch.add(PaymentOutcome.failed(UUID.randomUUID(), b, "declined", false)));
        batch.add(4, PaymentOutcome.failed(UUID.randomUUID(), elsewhere, "declined", false));
        batch.add(PaymentOutcome.succeeded(UUID.randomUUID(), kept));
        assertThat(applier.apply(batch)).isEmpty();

        assertThat(fixtures.available(tier.tierId())).isEqualTo(48);
        assertThat(fixtures.available(otherTier.tierId())).isEqualTo(50);
        assertThat(availabilityEvents(tier.tierId()) - availabilityEventsBefore).isEqualTo(1);
        assertThat(lastAvailability(tier.tierId())).isEqualTo(48);
        assertThat(lastAvailability(otherTier.tierId())).isEqualTo(50);
        assertThat(fixtures.count("select count(*) from inventory_audit where ticket_tier_id = ? and reason = 'PAYMENT_FAILED'",
                tier.tierId())).isEqualTo(12);
        // each audit row carries the availability after its own booking, the last one what the batch left
        assertThat(fixtures.count("select max(available_after) from inventory_audit where ticket_tier_id = ? "
                + "and reason = 'PAYMENT_FAILED'", tier.tierId())).isEqualTo(48);
        assertThat(recomputedAvailability(tier.tierId())).isEqualTo(48);
        assertThat(fixtures.count("select count(*) from bookings where ticket_tier_id = ? and status = 'CANCELLED'",
                tier.tierId())).isEqualTo(12);
    }

    @Test
    void aRecordTheDatabaseRefusesIsRefusedAloneAndTheOthersOfItsBatchApply() throws Exception {
        var tier = fixtures.concertWithTier("Batch refusal", "30.00", 10);
        UUID before = BookingRequests.book(base, tier.tierId(), "good@example.com", 1, tier.total(1));
        UUID refused = BookingRequests.book(base, tier.tierId(), "refused-confirmation@example.com", 1, tier.total(1));
        UUID after = BookingRequests.book(base, tier.tierId(), "good@example.com", 1, tier.total(1));
        refuseConfirmationsOf("refused-confirmation@example.com");
        try {
            var answer = applier.apply(List.of(PaymentOutcome.succeeded(UUID.randomUUID(), before),
                    PaymentOutcome.succeeded(UUID.randomUUID(), refused),
                    PaymentOutcome.failed(UUID.randomUUID(), after, "declined", false)));
            assertThat(answer).containsOnlyKeys(1);
            assertThat(answer.get(1)).hasMessageContaining("confirmation refused for test");
        } finally {
            fixtures.update("drop trigger refuse_confirmation on outbox");
        }
        assertThat(fixtures.status(before)).isEqualTo("CONFIRMED");
        assertThat(fixtures.status(refused)).isEqualTo("PENDING");
        assertThat(fixtures.status(after)).isEqualTo("CANCELLED");
        assertThat(fixtures.available(tier.tierId())).isEqualTo(8);
    }

    @Test
    void poisonRecordsAmongGoodOnesAreDeadLetteredAloneAndTheOthersApply() {
        var tier = fixtures.concertWithTier("Batch poison", "30.00", 10);
        UUID first = BookingRequests.book(base, tier.tierId(), "poison-batch@example.com", 1, tier.total(1));
        UUID refused = BookingRequests.book(base, tier.tierId(), "refused-in-kafka@example.com", 1, tier.total(1));
        UUID last = BookingRequests.book(base, tier.tierId(), "poison-batch@example.com", 2, tier.total(2));
        refuseConfirmationsOf("refused-in-kafka@example.com");
        try {
            sendTogether(List.of(
                    record(first, payment("PaymentSucceeded", first)),
                    Map.entry(last.toString(), "{ not an event"),
                    record(refused, payment("PaymentSucceeded", refused)),
                    record(last, payment("PaymentFailed", last))));
            await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(fixtures.status(first))
                    && "CANCELLED".equals(fixtures.status(last)));
            List<ConsumerRecord<String, String>> dead = deadLetters(refused, last);
            assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(last.toString(), refused.toString());
            assertThat(dead).allMatch(r -> r.headers().lastHeader("dead-letter-reason") != null);
        } finally {
            fixtures.update("drop trigger refuse_confirmation on outbox");
        }
        assertThat(fixtures.status(refused)).isEqualTo("PENDING");
        assertThat(fixtures.available(tier.tierId())).isEqualTo(8);
    }

    @Test
    void aSuccessItsRedeliveryAndTheRefundSentTogetherOverKafkaApplyInOrder() throws Exception {
        var tier = fixtures.concertWithTier("Batch order over Kafka", "30.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "order-kafka@example.com", 1, tier.total(1));
        EventEnvelope paid = payment("PaymentSucceeded", booking);
        sendTogether(List.of(record(booking, paid), record(booking, paid), record(booking, payment("RefundSucceeded", booking))));

        await().atMost(Duration.ofSeconds(30)).until(() -> fixtures.count(
                "select count(*) from bookings where id = ? and status = 'CONFIRMED' and refunded_at is not null", booking) == 1);
        assertThat(outboxTypes(booking)).containsExactly("BookingCreated", "BookingConfirmed");
        assertThat(fixtures.count("select count(*) from ticket_codes where booking_id = ?", booking)).isEqualTo(1);
    }

    @Test
    void whileTheDatabaseFailsTheWholeBatchWaitsAndIsAppliedOnceItIsBackNothingDeadLettered() throws Exception {
        var tier = fixtures.concertWithTier("Batch outage", "30.00", 10);
        UUID waiting = BookingRequests.book(base, tier.tierId(), "outage@example.com", 1, tier.total(1));
        // a serialization failure on every try: what a database going away looks like to the writer (not a refusal)
        fixtures.update("""
                create or replace function fail_like_an_outage() returns trigger language plpgsql as $$
                begin
                  if new.type = 'BookingConfirmed' and new.payload::text like '%outage@example.com%' then
                    raise exception 'database away for test' using errcode = '40001';
                  end if;
                  return new;
                end $$""");
        fixtures.update("create trigger fail_like_an_outage before insert on outbox for each row execute function fail_like_an_outage()");
        try {
            sendTogether(List.of(record(waiting, payment("PaymentSucceeded", waiting))));
            Thread.sleep(3000);
            assertThat(fixtures.status(waiting)).isEqualTo("PENDING");
        } finally {
            fixtures.update("drop trigger fail_like_an_outage on outbox");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> "CONFIRMED".equals(fixtures.status(waiting)));
        assertThat(com.tickets.infra.TestTopics.read("payment.events.booking-api.dlq", r -> waiting.toString().equals(r.key()),
                found -> !found.isEmpty(), Duration.ofSeconds(3))).isEmpty();
    }

    /** Test-scale measurement: how many transactions a burst of outcomes takes (applied_at is the transaction's start). */
    @Test
    void aBurstOfOutcomesIsAppliedInFewTransactions() {
        var tier = fixtures.concertWithTier("Batch burst", "5.00", 200);
        List<UUID> bookings = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            bookings.add(BookingRequests.book(base, tier.tierId(), "burst@example.com", 1, tier.total(1)));
        }
        List<EventEnvelope> events = bookings.stream().map(b -> payment("PaymentSucceeded", b)).toList();
        sendTogether(events.stream().map(e -> record(UUID.fromString(e.aggregateId()), e)).toList());
        await().atMost(Duration.ofSeconds(60)).until(() -> fixtures.count(
                "select count(*) from bookings where ticket_tier_id = ? and status = 'CONFIRMED'", tier.tierId()) == 100);
        String[] ids = events.stream().map(e -> e.id().toString()).toArray(String[]::new);
        long transactions = countWithArray("select count(distinct applied_at) from applied_events where event_id::text = any(?)", ids);
        System.out.printf("BATCH MEASUREMENT | %d PaymentSucceeded applied in %d transaction(s)%n", ids.length, transactions);
        assertThat(transactions).isLessThan(100);
    }

    @Test
    void aDelayedPaymentHoldsTheTicketsUntilItsAnswerAndTheAnswerConfirmsWithoutARefund() throws Exception {
        var tier = fixtures.concertWithTier("Batch delayed", "30.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "delayed@example.com", 2, tier.total(2));
        fixtures.endHoldAgo(booking, Duration.ofSeconds(1)); // the first charge attempt timed out as the hold ended
        Instant answerBy = Instant.now().plus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.MICROS);

        sendTogether(List.of(record(booking, delayed(booking, answerBy))));
        await().atMost(Duration.ofSeconds(30)).until(() -> answerBy.equals(holdEndsAt(booking)));

        // another delay promising an earlier answer does not shorten the hold
        assertThat(applier.apply(List.of(PaymentOutcome.delayed(UUID.randomUUID(), booking, "no answer",
                Instant.now().plusSeconds(5))))).isEmpty();
        assertThat(holdEndsAt(booking)).isEqualTo(answerBy);
        assertThat(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(sweeper::expireBatch)).isZero();
        assertThat(fixtures.status(booking)).isEqualTo("PENDING");
        assertThat(fixtures.available(tier.tierId())).isEqualTo(8);

        // the retry's answer, past the booking's first hold: confirmed, nothing refunded
        assertThat(applier.apply(List.of(PaymentOutcome.succeeded(UUID.randomUUID(), booking)))).isEmpty();
        assertThat(fixtures.status(booking)).isEqualTo("CONFIRMED");
        assertThat(outboxTypes(booking)).containsExactly("BookingCreated", "BookingConfirmed");
    }

    @Test
    void aDelayOfABookingThatHasEndedChangesNothingAndADelayWithoutItsAnswerByIsDeadLettered() throws Exception {
        var tier = fixtures.concertWithTier("Batch late delay", "30.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "late-delay@example.com", 1, tier.total(1));
        assertThat(applier.apply(List.of(PaymentOutcome.failed(UUID.randomUUID(), booking, "card declined", false)))).isEmpty();
        Instant heldUntil = holdEndsAt(booking);

        assertThat(applier.apply(List.of(PaymentOutcome.delayed(UUID.randomUUID(), booking, "no answer",
                Instant.now().plus(Duration.ofMinutes(40)))))).isEmpty();
        assertThat(holdEndsAt(booking)).isEqualTo(heldUntil);
        assertThat(fixtures.status(booking)).isEqualTo("CANCELLED");

        UUID unknown = UUID.randomUUID();
        sendTogether(List.of(record(unknown, delayed(unknown, null))));
        assertThat(deadLetters(unknown)).hasSize(1);
    }

    private Instant holdEndsAt(UUID booking) throws Exception {
        try (var c = db.getConnection(); var s = c.prepareStatement("select hold_expires_at from bookings where id = ?")) {
            s.setObject(1, booking);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1, java.time.OffsetDateTime.class).toInstant() : null;
            }
        }
    }

    private static EventEnvelope delayed(UUID booking, Instant answerBy) {
        return EventJson.envelope("PaymentDelayed", booking.toString(), "key-of-" + booking,
                PaymentData.delayed(booking, new BigDecimal("1.00"), "USD", "no answer from the payment gateway", answerBy),
                Instant.now());
    }

    private List<ConsumerRecord<String, String>> deadLetters(UUID... bookings) {
        List<String> keys = java.util.Arrays.stream(bookings).map(UUID::toString).toList();
        return com.tickets.infra.TestTopics.read("payment.events.booking-api.dlq", r -> keys.contains(r.key()),
                found -> found.stream().map(ConsumerRecord::key).distinct().count() >= keys.size(), Duration.ofSeconds(30));
    }

    private void refuseConfirmationsOf(String email) {
        fixtures.update("""
                create or replace function refuse_confirmation() returns trigger language plpgsql as $$
                begin
                  if new.type = 'BookingConfirmed' and new.payload::text like '%%EMAIL%%' then
                    raise exception 'confirmation refused for test';
                  end if;
                  return new;
                end $$""".replace("%%EMAIL%%", "%" + email + "%"));
        fixtures.update("create trigger refuse_confirmation before insert on outbox for each row execute function refuse_confirmation()");
    }

    private static EventEnvelope payment(String type, UUID booking) {
        return EventJson.envelope(type, booking.toString(), "key-of-" + booking,
                new PaymentData(booking, "pay_" + booking, new BigDecimal("1.00"), "USD", "PaymentFailed".equals(type) ? "declined" : null),
                Instant.now());
    }

    private static Map.Entry<String, String> record(UUID booking, EventEnvelope event) {
        return Map.entry(booking.toString(), EventJson.write(event));
    }

    /** Sends the records through one producer and one flush, so that the consumer finds them together. */
    private static void sendTogether(List<Map.Entry<String, String>> records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, "200",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (var r : records) {
                ProducerRecord<String, String> record = new ProducerRecord<>("payment.events", r.getKey(), r.getValue());
                producer.send(record);
            }
            producer.flush();
        }
    }

    private List<String> outboxTypes(UUID booking) throws Exception {
        List<String> types = new ArrayList<>();
        try (var c = db.getConnection();
             var s = c.prepareStatement("select type from outbox where aggregatetype = 'Booking' and aggregateid = ? order by seq")) {
            s.setString(1, booking.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        return types;
    }

    private long availabilityEvents(UUID tier) {
        return fixtures.count("select count(*) from outbox where aggregatetype = 'TicketTier' and aggregateid = ?", tier.toString());
    }

    private long lastAvailability(UUID tier) {
        return fixtures.count("select (payload->'data'->>'availableQuantity')::int from outbox where aggregatetype = 'TicketTier' "
                + "and aggregateid = ? order by seq desc limit 1", tier.toString());
    }

    private long recomputedAvailability(UUID tier) {
        return fixtures.count("select t.total_quantity + coalesce(sum(a.delta), 0) from ticket_tiers t "
                + "left join inventory_audit a on a.ticket_tier_id = t.id where t.id = ? group by t.total_quantity", tier);
    }

    private long countWithArray(String sql, String[] values) {
        try (var c = db.getConnection(); var s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", values));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
