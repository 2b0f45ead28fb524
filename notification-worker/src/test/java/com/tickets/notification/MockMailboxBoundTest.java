package com.tickets.notification;

import com.tickets.events.BookingData;
import com.tickets.events.EventJson;
import com.tickets.infra.TestTopics;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local run's mock mailbox does not keep every mail forever: it starts over when full. */
@QuarkusTest
@TestProfile(MockMailboxBoundTest.ThreeMails.class)
class MockMailboxBoundTest {

    public static class ThreeMails implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notification.mock-mailbox.max-mails", "3");
        }
    }

    @Inject
    MockMailbox mailbox;

    @Test
    void aFullMockMailboxIsEmptiedAndKeepsTakingMails() {
        mailbox.clear();
        String run = UUID.randomUUID().toString();
        for (int buyer = 1; buyer <= 3; buyer++) {
            confirm(run, "buyer" + buyer + "-" + run + "@example.com");
        }
        String fourth = "buyer4-" + run + "@example.com";
        confirm(run, fourth);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailbox.getMailsSentTo(fourth).size() == 1);
        assertThat(mailbox.getMailsSentTo("buyer1-" + run + "@example.com")).isEmpty();
    }

    /** One record key for the whole test: one partition, so the mails go out in the order sent. */
    private static void confirm(String recordKey, String email) {
        UUID booking = UUID.randomUUID();
        BookingData data = new BookingData(booking, UUID.randomUUID(), "The Test Show", Instant.parse("2026-12-24T20:00:00Z"),
                "Test Hall", "UTC", UUID.randomUUID(), "VIP", email, 1, new BigDecimal("50.00"), new BigDecimal("50.00"), "USD", "CONFIRMED",
                Instant.now(), Instant.now().plusSeconds(600), null, "organizer");
        TestTopics.send("booking.events", recordKey,
                EventJson.write(EventJson.envelope("BookingConfirmed", booking.toString(), "key-" + booking, data, Instant.now())));
    }
}
