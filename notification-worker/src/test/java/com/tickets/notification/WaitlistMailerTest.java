package com.tickets.notification;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.signing.BuyerTokens;
import com.tickets.infra.TestTopics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A buyer on a waitlist gets exactly one mail per offer and per reminder, with a claim link that works. */
@QuarkusTest
class WaitlistMailerTest {

    /** The dev-only default of application.properties, which booking-api's tests use too. */
    private static final String ACCESS_SECRET = "dev-only-booking-access-secret-not-for-production";
    private static final String TOPIC = "waitlist.events";
    private static final Pattern CLAIM_LINK = Pattern.compile("http://localhost:8080/#/waitlist/offers/([A-Za-z0-9_.-]+)");

    @Inject
    MockMailbox mailbox;

    @Inject
    AgroalDataSource db;

    @AfterEach
    void smtpWorks() {
        FlakyMailSender.FAILURES_LEFT.set(0);
    }

    @Test
    void anOfferDeliveredTwiceIsOneMailWithAClaimLinkThatBookingApiAcceptsForThatEntry() {
        String email = "offer-" + UUID.randomUUID() + "@example.com";
        UUID entryId = UUID.randomUUID();
        Instant expiresAt = Instant.now().plus(10, ChronoUnit.MINUTES);
        EventEnvelope offer = TestEvents.waitlist(EventTypes.WAITLIST_OFFER_MADE, entryId, email, "OFFERED", expiresAt);
        send(offer);
        send(offer); // redelivered

        Mail mail = awaitMails(email, 1).get(0);
        String expiry = londonTime(expiresAt);
        assertThat(mail.getSubject()).isEqualTo("Tickets for The Waitlisted Show are held for you until " + expiry);
        // the show and the window in the venue's time, to the minute, with the zone's name
        assertThat(mail.getText()).contains("held for you until " + expiry)
                .contains("Thu 31 Dec 2026, 20:00 GMT, London").contains("Royal Albert Hall, London")
                .contains("2 x VIP").contains("100.00 USD");
        assertThat(mail.getHtml()).contains("Thu 31 Dec 2026, 20:00 GMT, London").contains(expiry);

        Matcher link = CLAIM_LINK.matcher(mail.getText());
        assertThat(link.find()).as("a claim link in %s", mail.getText()).isTrue();
        BuyerTokens tokens = new BuyerTokens(ACCESS_SECRET);
        assertThat(tokens.waitlistOfferEntryId(link.group(1))).contains(entryId);
        assertThat(link.group(1)).isEqualTo(tokens.waitlistOfferToken(entryId));
        assertThat(mail.getHtml()).contains("href=\"http://localhost:8080/#/waitlist/offers/" + link.group(1) + "\"");
        // not a token of another key: the link is ours
        assertThat(new BuyerTokens("an-attackers-own-key-0123456789").waitlistOfferEntryId(link.group(1))).isEmpty();

        assertThat(mail.getHeaders().get("Message-ID")).containsExactly("<" + offer.id() + "@tickets.example.com>");
        assertThat(mail.getHeaders().get("X-Waitlist-Entry-Id")).containsExactly(entryId.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> TestEvents.rowsOfWaitlistEntry(db, entryId).stream()
                .anyMatch(r -> r.status().equals("SENT")));
        sleep(1500);
        assertThat(mailbox.getMailsSentTo(email)).hasSize(1);
        assertThat(TestEvents.rowsOfWaitlistEntry(db, entryId))
                .containsExactly(new TestEvents.Row("SENT", 1, "<" + offer.id() + "@tickets.example.com>"));
    }

    @Test
    void anExpiringOfferGetsItsReminderAfterTheOfferAndOtherWaitlistEventsGetNoMail() {
        String email = "reminder-" + UUID.randomUUID() + "@example.com";
        UUID entryId = UUID.randomUUID();
        Instant expiresAt = Instant.now().plus(2, ChronoUnit.MINUTES);
        send(TestEvents.waitlist(EventTypes.WAITLIST_JOINED, entryId, email, "WAITING", null));
        send(TestEvents.waitlist(EventTypes.WAITLIST_OFFER_MADE, entryId, email, "OFFERED", expiresAt));
        EventEnvelope expiring = TestEvents.waitlist(EventTypes.WAITLIST_OFFER_EXPIRING, entryId, email, "OFFERED", expiresAt);
        send(expiring);
        send(expiring); // redelivered
        send(TestEvents.waitlist(EventTypes.WAITLIST_OFFER_EXPIRED, entryId, email, "EXPIRED", expiresAt));

        List<Mail> mails = awaitMails(email, 2);
        String expiry = londonTime(expiresAt);
        assertThat(mails).extracting(Mail::getSubject).containsExactly(
                "Tickets for The Waitlisted Show are held for you until " + expiry,
                "Reminder: your offer for The Waitlisted Show ends at " + expiry);
        Mail reminder = mails.get(1);
        assertThat(reminder.getText()).contains("Your offer ends at " + expiry)
                .contains(new BuyerTokens(ACCESS_SECRET).waitlistOfferToken(entryId));
        assertThat(reminder.getHeaders().get("Message-ID")).containsExactly("<" + expiring.id() + "@tickets.example.com>");

        // a buyer who joined, left, or whose claim went through gets no waitlist mail from here
        String other = "no-mail-" + UUID.randomUUID() + "@example.com";
        UUID otherEntry = UUID.randomUUID();
        send(TestEvents.waitlist(EventTypes.WAITLIST_JOINED, otherEntry, other, "WAITING", null));
        send(TestEvents.waitlist(EventTypes.WAITLIST_LEFT, otherEntry, other, "LEFT", null));
        send(TestEvents.waitlist(EventTypes.WAITLIST_OFFER_CLAIMED, otherEntry, other, "CLAIMED", expiresAt));
        sleep(2000);
        assertThat(mailbox.getMailsSentTo(email)).hasSize(2);
        assertThat(mailbox.getMailsSentTo(other)).isEmpty();
        assertThat(TestEvents.rowsOfWaitlistEntry(db, entryId)).hasSize(2).allMatch(r -> r.status().equals("SENT"));
        assertThat(TestEvents.rowsOfWaitlistEntry(db, otherEntry)).isEmpty();
    }

    @Test
    void anOfferWhoseWindowClosedBeforeItCouldBeMailedIsNotMailed() {
        String email = "too-late-" + UUID.randomUUID() + "@example.com";
        UUID entryId = UUID.randomUUID();
        send(TestEvents.waitlist(EventTypes.WAITLIST_OFFER_MADE, entryId, email, "OFFERED", Instant.now().minusSeconds(5)));
        String marker = "marker-" + UUID.randomUUID() + "@example.com";
        send(TestEvents.waitlist(EventTypes.WAITLIST_OFFER_MADE, UUID.randomUUID(), marker, "OFFERED",
                Instant.now().plusSeconds(600)));

        awaitMails(marker, 1);
        sleep(1000);
        assertThat(mailbox.getMailsSentTo(email)).isEmpty();
        assertThat(TestEvents.rowsOfWaitlistEntry(db, entryId)).isEmpty();
    }

    @Test
    void whenTheMailServerIsDownTheOfferIsRetriedThroughTheRetryTopicAndSentOnce() {
        FlakyMailSender.FAILURES_LEFT.set(2);
        String email = "offer-retry-" + UUID.randomUUID() + "@example.com";
        UUID entryId = UUID.randomUUID();
        EventEnvelope offer = TestEvents.waitlist(EventTypes.WAITLIST_OFFER_MADE, entryId, email, "OFFERED",
                Instant.now().plusSeconds(600));
        send(offer);

        awaitMails(email, 1);
        // refused at first, then by the first retry topic's try; the second retry topic's try sends it
        await().atMost(Duration.ofSeconds(10)).until(() -> TestEvents.rowsOfWaitlistEntry(db, entryId).stream()
                .anyMatch(r -> r.status().equals("SENT")));
        assertThat(TestEvents.rowsOfWaitlistEntry(db, entryId))
                .containsExactly(new TestEvents.Row("SENT", 3, "<" + offer.id() + "@tickets.example.com>"));
        sleep(1000);
        assertThat(mailbox.getMailsSentTo(email)).hasSize(1);
    }

    @Test
    void anUnreadableWaitlistRecordGoesStraightToItsDeadLetterTopic() {
        String key = UUID.randomUUID().toString();
        TestTopics.send(TOPIC, key, "{ not an event");
        // an offer without the expiry its mail needs cannot become readable either
        UUID entryId = UUID.randomUUID();
        EventEnvelope noExpiry = TestEvents.waitlist(EventTypes.WAITLIST_OFFER_MADE, entryId,
                "broken-" + UUID.randomUUID() + "@example.com", "OFFERED", null);
        send(noExpiry);

        List<ConsumerRecord<String, String>> dead = TestTopics.read(TOPIC + ".notification-worker.dlq",
                r -> key.equals(r.key()) || entryId.toString().equals(r.key()), found -> found.size() >= 2,
                Duration.ofSeconds(30));
        assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(key, entryId.toString());
        assertThat(dead).allSatisfy(r -> assertThat(TestTopics.header(r, "delayed-retry-count")).isEqualTo("0"));
    }

    // --- helpers ---

    /** The window's end as the mail should show it: London's clock, to the minute, with the zone's name and city. */
    private static String londonTime(Instant instant) {
        return DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz", Locale.ENGLISH)
                .format(instant.atZone(ZoneId.of("Europe/London"))) + ", London";
    }

    private List<Mail> awaitMails(String email, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.getMailsSentTo(email).size() >= count);
        return mailbox.getMailsSentTo(email);
    }

    private static void send(EventEnvelope event) {
        TestTopics.send(TOPIC, event.aggregateId(), EventJson.write(event));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
