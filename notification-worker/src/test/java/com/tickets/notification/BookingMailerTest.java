package com.tickets.notification;

import com.tickets.events.AccessLinkData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.signing.BuyerTokens;
import com.tickets.events.signing.TicketCodes;
import com.tickets.infra.Infrastructure;
import com.tickets.infra.TestTopics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Buyers get exactly one mail per booking event that matters, through SMTP outages. */
@QuarkusTest
class BookingMailerTest {

    /** The consumer group of booking-events-retries (application.properties). */
    private static final String RETRY_GROUP = "kafka-delayed-retry-topic-notification-worker";

    /** The dev-only defaults of application.properties, as booking-api's tests use them too. */
    private static final String ACCESS_SECRET = "dev-only-booking-access-secret-not-for-production";
    private static final String TICKET_CODE_SECRET = "dev-only-ticket-code-secret-not-for-production";

    /** TestEvents' booking show, 2026-12-31T20:00:00Z at the Royal Albert Hall, as VenueTime shows it. */
    private static final String LONDON_NEW_YEARS_EVE = "Thu 31 Dec 2026, 20:00 GMT, London";

    @Inject
    MockMailbox mailbox;

    @Inject
    AgroalDataSource db;

    @AfterEach
    void smtpWorks() {
        FlakyMailSender.FAILURES_LEFT.set(0);
    }

    @Test
    void aConfirmedBookingGetsOneMailWithATicketCodePerTicketInHtmlAndText() {
        String email = "fan-" + UUID.randomUUID() + "@example.com";
        EventEnvelope confirmed = TestEvents.booking("BookingConfirmed", email, 3);
        send(confirmed);
        send(confirmed); // redelivered

        List<Mail> mails = awaitMails(email, 1);
        Mail mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("Your tickets for The Test Show");
        assertThat(mail.getHtml()).contains("The Test Show").contains("VIP").contains("150.00 USD")
                .contains(confirmed.aggregateId());
        assertThat(mail.getText()).contains("Tickets: 3");
        UUID bookingId = UUID.fromString(confirmed.aggregateId());
        // keyed codes, the ones booking-api checks at the door; not derivable from the booking id alone
        List<String> codes = new TicketCodes(TICKET_CODE_SECRET).of(bookingId, 3);
        assertThat(codes).hasSize(3).doesNotHaveDuplicates();
        codes.forEach(code -> assertThat(mail.getHtml()).contains(code).doesNotContain(
                new TicketCodes("an-attackers-own-key-0123456789").code(bookingId, 1)));
        // the link that manages this booking (and only it)
        assertThat(mail.getText()).contains("http://localhost:8080/#/bookings/" + bookingId + "/"
                + new BuyerTokens(ACCESS_SECRET).bookingToken(bookingId));
        // the show on London's clocks, to the minute, and the venue: never the event's raw instant
        assertThat(mail.getText()).contains("Date:    " + LONDON_NEW_YEARS_EVE + "\n")
                .contains("Where:   Royal Albert Hall, London\n").doesNotContain("2026-12-31T20:00");
        assertThat(mail.getHtml()).contains("<td>" + LONDON_NEW_YEARS_EVE + "</td>")
                .contains("<td>Royal Albert Hall, London</td>").doesNotContain("2026-12-31T20:00");
        assertThat(mail.getHeaders().get("Message-ID")).containsExactly("<" + confirmed.id() + "@tickets.example.com>");
        sleep(1500);
        assertThat(mailbox.getMailsSentTo(email)).hasSize(1);
    }

    @Test
    void cancellationExpiryAndRefundEachSendTheirMailAndAHoldSendsNone() {
        String email = "changes-" + UUID.randomUUID() + "@example.com";
        send(TestEvents.booking("BookingCreated", email, 1));
        send(TestEvents.booking("BookingCancelled", email, 1));
        send(TestEvents.booking("BookingExpired", email, 1));
        send(TestEvents.booking("RefundRequested", email, 1));

        List<Mail> mails = awaitMails(email, 3);
        assertThat(mails).extracting(Mail::getSubject).containsExactlyInAnyOrder(
                "Your booking for The Test Show is cancelled", "Your hold for The Test Show expired",
                "Your refund for The Test Show");
        sleep(1000);
        assertThat(mailbox.getMailsSentTo(email)).hasSize(3);
    }

    @Test
    void cancellationExpiryAndRefundMailsShowTheDateOnTheVenuesClocksTheVenueAndTheLinkThatManagesTheBooking() {
        String email = "venue-" + UUID.randomUUID() + "@example.com";
        Map<String, EventEnvelope> bySubject = new LinkedHashMap<>();
        bySubject.put("Your booking for The Test Show is cancelled", TestEvents.booking("BookingCancelled", email, 1));
        bySubject.put("Your hold for The Test Show expired", TestEvents.booking("BookingExpired", email, 1));
        bySubject.put("Your refund for The Test Show", TestEvents.booking("RefundRequested", email, 1));
        bySubject.values().forEach(BookingMailerTest::send);

        List<Mail> mails = awaitMails(email, 3);
        assertThat(mails).extracting(Mail::getSubject).containsExactlyInAnyOrderElementsOf(bySubject.keySet());
        for (Mail mail : mails) {
            UUID bookingId = UUID.fromString(bySubject.get(mail.getSubject()).aggregateId());
            String manage = "http://localhost:8080/#/bookings/" + bookingId + "/" + new BuyerTokens(ACCESS_SECRET).bookingToken(bookingId);
            assertThat(mail.getText()).as(mail.getSubject()).contains("Date:    " + LONDON_NEW_YEARS_EVE + "\n")
                    .contains("Where:   Royal Albert Hall, London\n").contains("Manage your booking (see where it stands): " + manage)
                    .doesNotContain("2026-12-31T20:00");
            assertThat(mail.getHtml()).as(mail.getSubject()).contains("<td>" + LONDON_NEW_YEARS_EVE + "</td>")
                    .contains("<td>Royal Albert Hall, London</td>").contains("<a href=\"" + manage + "\">Manage your booking</a>")
                    .doesNotContain("2026-12-31T20:00");
        }
    }

    @Test
    void aBookingEventWrittenBeforeEventsCarriedTheVenueIsStillMailedWithItsDateInUtcAndNoVenueLine() {
        String email = "old-event-" + UUID.randomUUID() + "@example.com";
        EventEnvelope confirmed = TestEvents.bookingWithoutVenue("BookingConfirmed", email, 2);
        assertThat(confirmed.data().has("timeZone")).isFalse();
        send(confirmed);
        send(TestEvents.bookingWithoutVenue("RefundRequested", email, 1));

        List<Mail> mails = awaitMails(email, 2);
        for (Mail mail : mails) {
            assertThat(mail.getText()).as(mail.getSubject()).contains("Date:    Thu 31 Dec 2026, 20:00 UTC\n")
                    .doesNotContain("Where:").contains("Manage your booking");
            assertThat(mail.getHtml()).as(mail.getSubject()).contains("<td>Thu 31 Dec 2026, 20:00 UTC</td>")
                    .doesNotContain("Where").contains("Manage your booking");
        }
        Mail confirmation = mails.stream().filter(m -> m.getSubject().startsWith("Your tickets")).findFirst().orElseThrow();
        assertThat(confirmation.getText()).contains("Tickets: 2");
    }

    @Test
    void aLondonShowIsMailedOnLondonsClocksWhereverTheWorkerRuns() {
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        // a worker in Auckland, where the show's instant is already 1 Jan 2027, 09:00, with German defaults
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Auckland"));
        Locale.setDefault(Locale.GERMANY);
        try {
            String email = "anywhere-" + UUID.randomUUID() + "@example.com";
            send(TestEvents.booking("BookingConfirmed", email, 1));
            Mail mail = awaitMails(email, 1).get(0);
            assertThat(mail.getText()).contains("Date:    Thu 31 Dec 2026, 20:00 GMT, London\n");
            assertThat(mail.getHtml()).contains("<td>Thu 31 Dec 2026, 20:00 GMT, London</td>");
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }
    }

    @Test
    void whenTheMailServerIsDownTheMailIsRetriedThroughTheRetryTopicAndSentOnce() {
        FlakyMailSender.FAILURES_LEFT.set(2);
        String email = "retry-" + UUID.randomUUID() + "@example.com";
        EventEnvelope confirmed = TestEvents.booking("BookingConfirmed", email, 1);
        send(confirmed);
        Mail mail = awaitMails(email, 1).get(0);
        // refused at first, then by the first retry topic's try; the second retry topic's try sends it
        await().atMost(Duration.ofSeconds(10)).until(() -> TestEvents.rowsOfBooking(db, confirmed.aggregateId()).stream()
                .anyMatch(r -> r.status().equals("SENT")));
        assertThat(TestEvents.rowsOfBooking(db, confirmed.aggregateId()))
                .containsExactly(new TestEvents.Row("SENT", 3, "<" + confirmed.id() + "@tickets.example.com>"));
        assertThat(mail.getHeaders().get("Message-ID")).containsExactly("<" + confirmed.id() + "@tickets.example.com>");
        assertThat(mail.getHeaders().get("X-Booking-Id")).containsExactly(confirmed.aggregateId());
        sleep(1000);
        assertThat(mailbox.getMailsSentTo(email)).hasSize(1);
    }

    @Test
    void aMailServerDownThroughEveryRetryDeadLettersTheEventAndAPoisonRecordDoesNotBlock() {
        FlakyMailSender.FAILURES_LEFT.set(1000);
        String email = "down-" + UUID.randomUUID() + "@example.com";
        EventEnvelope confirmed = TestEvents.booking("BookingConfirmed", email, 1);
        send(confirmed);
        sendRaw(UUID.randomUUID().toString(), "{ not an event");
        List<ConsumerRecord<String, String>> dead = deadLetters(confirmed.aggregateId());
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader("delayed-retry-reason").value())).contains("SMTP outage");
        // from the batch channel through both retry topics of the test profile, then here
        assertThat(TestTopics.header(dead.get(0), "delayed-retry-count")).isEqualTo("2");
        assertThat(dead.get(0).headers().headers("delayed-retry-topic")).extracting(h -> new String(h.value()))
                .containsExactlyInAnyOrder("booking.events", "booking.events_notify_retry_1000", "booking.events_notify_retry_2000");
        assertThat(TestEvents.rowsOfBooking(db, confirmed.aggregateId()))
                .containsExactly(new TestEvents.Row("PENDING", 3, "<" + confirmed.id() + "@tickets.example.com>"));
        assertThat(mailbox.getMailsSentTo(email)).isEmpty();

        FlakyMailSender.FAILURES_LEFT.set(0);
        String next = "after-" + UUID.randomUUID() + "@example.com";
        send(TestEvents.booking("BookingConfirmed", next, 1));
        awaitMails(next, 1);
    }

    @Test
    void aRetriedEventWhoseMailWasSentMeanwhileSendsNothingAndIsDone() {
        String email = "sent-meanwhile-" + UUID.randomUUID() + "@example.com";
        EventEnvelope confirmed = TestEvents.booking("BookingConfirmed", email, 1);
        send(confirmed);
        awaitMails(email, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestEvents.rowsOfBooking(db, confirmed.aggregateId()).stream()
                .anyMatch(r -> r.status().equals("SENT")));

        // the same event on the first retry topic, as if a redelivery had sent its mail while it waited there
        RecordMetadata retry = sendAndAwaitAck("booking.events_notify_retry_1000", confirmed.aggregateId(),
                EventJson.write(confirmed));

        await().atMost(Duration.ofSeconds(30)).until(() -> committed(RETRY_GROUP, retry));
        assertThat(mailbox.getMailsSentTo(email)).hasSize(1);
        assertThat(TestEvents.rowsOfBooking(db, confirmed.aggregateId()))
                .containsExactly(new TestEvents.Row("SENT", 1, "<" + confirmed.id() + "@tickets.example.com>"));
        assertThat(TestTopics.read("booking.events_notify_retry_2000", r -> confirmed.aggregateId().equals(r.key()),
                found -> !found.isEmpty(), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void aSignInLinkIsMailedOnceAndAnExpiredOneNotAtAll() {
        String email = "sign-in-" + UUID.randomUUID() + "@example.com";
        UUID linkId = UUID.randomUUID();
        EventEnvelope requested = EventJson.envelope("SignInLinkRequested", linkId.toString(), null,
                new AccessLinkData(linkId, email, Instant.now().plusSeconds(900)), Instant.now());
        TestTopics.send("access.events", linkId.toString(), EventJson.write(requested));
        TestTopics.send("access.events", linkId.toString(), EventJson.write(requested)); // redelivered

        Mail mail = awaitMails(email, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Your sign-in link for Concert Tickets");
        assertThat(mail.getText()).contains("http://localhost:8080/#/sign-in/" + new BuyerTokens(ACCESS_SECRET).signInToken(linkId));

        String late = "late-" + UUID.randomUUID() + "@example.com";
        UUID expired = UUID.randomUUID();
        TestTopics.send("access.events", expired.toString(), EventJson.write(EventJson.envelope("SignInLinkRequested",
                expired.toString(), null, new AccessLinkData(expired, late, Instant.now().minusSeconds(1)), Instant.now())));
        sleep(1500);
        assertThat(mailbox.getMailsSentTo(email)).hasSize(1);
        assertThat(mailbox.getMailsSentTo(late)).isEmpty();
    }

    @Test
    void theLocalMailboxPageShowsWhatABuyerReceived() {
        String email = "page-" + UUID.randomUUID() + "@example.com";
        send(TestEvents.booking("BookingConfirmed", email, 2));
        awaitMails(email, 1);
        given().queryParam("to", email).get("/mailbox").then().statusCode(200)
                .body("[0].subject", org.hamcrest.Matchers.equalTo("Your tickets for The Test Show"));
    }

    // --- helpers ---

    private List<Mail> awaitMails(String email, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.getMailsSentTo(email).size() >= count);
        return mailbox.getMailsSentTo(email);
    }

    private static void send(EventEnvelope event) {
        sendRaw(event.aggregateId(), EventJson.write(event));
    }

    private static void sendRaw(String key, String value) {
        TestTopics.send("booking.events", key, value);
    }

    private static RecordMetadata sendAndAwaitAck(String topic, String key, String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the consumer group has committed past the record: it was read and acknowledged. */
    private static boolean committed(String group, RecordMetadata record) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(new TopicPartition(record.topic(), record.partition()));
            return offset != null && offset.offset() > record.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String key) {
        return TestTopics.read("booking.events.notification-worker.dlq", r -> key.equals(r.key()), found -> !found.isEmpty(),
                Duration.ofSeconds(40));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
