package com.tickets.notification;

import com.tickets.events.EventEnvelope;
import com.tickets.infra.TestTopics;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mails go out a batch at a time: side by side, in a few statements, and each record's fate is its own. */
@QuarkusTest
class BatchMailingTest {

    private static final String DLQ = "booking.events.notification-worker.dlq";

    @Inject
    MockMailbox mailbox;

    @Inject
    AgroalDataSource db;

    @Inject
    MeterRegistry registry;

    @AfterEach
    void smtpAndDatabaseWork() {
        FlakyMailSender.FAILURES_LEFT.set(0);
        FlakyMailSender.LATENCY_MILLIS.set(0);
        FlakyNotifications.MARK_FAILURES_LEFT.set(0);
    }

    @Test
    void anUnreadableRecordAmongGoodOnesGoesAloneToTheDeadLetterTopicAndTheOthersAreMailed() {
        String first = "good1-" + UUID.randomUUID() + "@example.com";
        String second = "good2-" + UUID.randomUUID() + "@example.com";
        EventEnvelope a = TestEvents.booking("BookingConfirmed", first, 1);
        EventEnvelope b = TestEvents.booking("BookingCancelled", second, 1);
        String poisonKey = UUID.randomUUID().toString();
        TestEvents.publishTogether(List.of(TestEvents.record(a),
                new ProducerRecord<>("booking.events", poisonKey, "{ not an event"), TestEvents.record(b)));

        awaitMails(first, 1);
        awaitMails(second, 1);
        Set<String> keys = Set.of(poisonKey, a.aggregateId(), b.aggregateId());
        List<ConsumerRecord<String, String>> dead = TestTopics.read(DLQ, r -> keys.contains(r.key()),
                found -> !found.isEmpty(), Duration.ofSeconds(30));
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly(poisonKey);
        // straight there: no retry topic can make it readable
        assertThat(TestTopics.header(dead.get(0), "delayed-retry-count")).isEqualTo("0");
        assertThat(TestTopics.header(dead.get(0), "delayed-retry-reason")).contains("Unexpected character");
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(a) && sent(b));
    }

    @Test
    void theSameEventTwiceInABatchIsOneMail() {
        String email = "twice-" + UUID.randomUUID() + "@example.com";
        EventEnvelope confirmed = TestEvents.booking("BookingConfirmed", email, 2);
        TestEvents.publishTogether(List.of(TestEvents.record(confirmed), TestEvents.record(confirmed)));

        awaitMails(email, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sent(confirmed));
        sleep(1500);
        assertThat(mailbox.getMailsSentTo(email)).hasSize(1);
        assertThat(TestEvents.rowsOfBooking(db, confirmed.aggregateId()))
                .containsExactly(new TestEvents.Row("SENT", 1, "<" + confirmed.id() + "@tickets.example.com>"));
    }

    @Test
    void anOnSalesConfirmationsGoOutSideBySideInAFewStatements() throws InterruptedException {
        int n = 60;
        FlakyMailSender.LATENCY_MILLIS.set(200); // an SMTP server's answer takes a while
        FlakyMailSender.MAX_IN_FLIGHT.set(0);
        String run = UUID.randomUUID().toString();
        List<EventEnvelope> confirmations = IntStream.range(0, n)
                .mapToObj(i -> TestEvents.booking("BookingConfirmed", "onsale" + i + "-" + run + "@example.com", 1)).toList();
        long statementsBefore = statements();
        AtomicInteger gaugeMax = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                gaugeMax.accumulateAndGet((int) registry.get("notifications.sends.in.flight").gauge().value(), Math::max);
                sleep(5);
            }
        });
        sampler.start();
        List<String> bookings = confirmations.stream().map(EventEnvelope::aggregateId).toList();
        try {
            TestEvents.publishTogether(confirmations.stream().map(TestEvents::record).toList());
            await().atMost(Duration.ofSeconds(60)).until(() -> TestEvents.sentAmong(db, bookings) == n);
        } finally {
            sampling.set(false);
            sampler.join();
        }

        for (int i = 0; i < n; i++) {
            assertThat(mailbox.getMailsSentTo("onsale" + i + "-" + run + "@example.com")).hasSize(1);
        }
        // side by side, up to notification.sends.max-concurrent (50)
        assertThat(FlakyMailSender.MAX_IN_FLIGHT.get()).as("sends waiting for the server at once").isBetween(2, 50);
        assertThat(gaugeMax.get()).as("notifications.sends.in.flight at its highest").isBetween(2, 50);
        // three statements a batch (intents, claim, mark): one at a time would have been 3 x 60
        assertThat(statements() - statementsBefore).as("statements for %d mails", n).isLessThanOrEqualTo(n / 4);
    }

    @Test
    void aMarkRefusedForAMomentIsTriedAgainAndTheMailGoesOutOnce() {
        FlakyNotifications.MARK_FAILURES_LEFT.set(2); // the database back within the retries (0.5 s, then 1 s)
        String email = "marked-late-" + UUID.randomUUID() + "@example.com";
        EventEnvelope confirmed = TestEvents.booking("BookingConfirmed", email, 1);
        TestEvents.publishTogether(List.of(TestEvents.record(confirmed)));

        awaitMails(email, 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> sent(confirmed));
        String messageId = "<" + confirmed.id() + "@tickets.example.com>";
        assertThat(TestEvents.rowsOfBooking(db, confirmed.aggregateId()))
                .containsExactly(new TestEvents.Row("SENT", 1, messageId));
        sleep(3000); // past the retry topic's 1 s: no second send
        assertThat(mailbox.getMailsSentTo(email)).hasSize(1);
    }

    @Test
    void aMailSentButNeverMarkedIsSentAgainWithTheSameMessageIdAndMarkedOnce() {
        FlakyNotifications.MARK_FAILURES_LEFT.set(1_000); // the database away for longer than the mark's retries (2 s here)
        String email = "resend-" + UUID.randomUUID() + "@example.com";
        EventEnvelope confirmed = TestEvents.booking("BookingConfirmed", email, 1);
        TestEvents.publishTogether(List.of(TestEvents.record(confirmed)));

        awaitMails(email, 2);
        FlakyNotifications.MARK_FAILURES_LEFT.set(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> sent(confirmed));
        String messageId = "<" + confirmed.id() + "@tickets.example.com>";
        List<Mail> mails = new ArrayList<>(mailbox.getMailsSentTo(email));
        assertThat(mails).allSatisfy(m -> assertThat(m.getHeaders().get("Message-ID")).containsExactly(messageId));
        TestEvents.Row row = TestEvents.rowsOfBooking(db, confirmed.aggregateId()).get(0);
        assertThat(row.status()).isEqualTo("SENT");
        assertThat(row.attempts()).as("sends counted").isEqualTo(mails.size());
    }

    // --- helpers ---

    private boolean sent(EventEnvelope event) {
        return TestEvents.sentAmong(db, List.of(event.aggregateId())) == 1;
    }

    private long statements() {
        return registry.find("notifications.statements").timers().stream().mapToLong(Timer::count).sum();
    }

    private List<Mail> awaitMails(String email, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.getMailsSentTo(email).size() >= count);
        return new ArrayList<>(mailbox.getMailsSentTo(email));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
