package com.tickets.notification;

import com.tickets.events.EventEnvelope;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batches of mails sent side by side to a real SMTP server (not the mock mailbox), the way MailSender hands
 * them to the Vert.x mail client. The first batch after a start goes out at once and once: before the sends
 * were handed to the mailer from a thread of their own, the client's first send queued its EHLO-name
 * look-up behind the very batch handler that was waiting for it, and the whole first batch waited for its
 * send timeout, was retried, and reached the server twice. And no send of the bursts after it waits for a
 * connection: sends started from two threads now and then did, until their timeout.
 */
@QuarkusTest
@TestProfile(RealSmtpServerTest.ToAnSmtpServer.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealSmtpServerTest {

    static final SmtpServer SMTP = SmtpServer.start();
    /** Short, so that a stuck first batch shows within the test, and far above what a send takes here. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(8);

    public static class ToAnSmtpServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(SMTP.port()), "quarkus.mailer.start-tls", "DISABLED",
                    "notification.sends.timeout", SEND_TIMEOUT.toString());
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    @Order(1)
    void theFirstBatchAfterAStartGoesOutAtOnceAndOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<EventEnvelope> confirmations = IntStream.range(0, 20)
                .mapToObj(i -> TestEvents.booking("BookingConfirmed", "first-" + i + "-" + run + "@example.com", 1)).toList();
        long start = System.nanoTime();
        TestEvents.publishTogether(confirmations.stream().map(TestEvents::record).toList());

        await().atMost(Duration.ofSeconds(60)).until(() -> confirmations.stream()
                .allMatch(e -> SMTP.byRecipient.containsKey(e.data().get("userEmail").asText())));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("the first batch's mails reached the server before any send could time out").isLessThan(SEND_TIMEOUT);

        // past the timeout and the test profile's retry topics (1 s, 2 s): no second copy comes
        try {
            Thread.sleep(SEND_TIMEOUT.plusSeconds(4).toMillis());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        for (EventEnvelope e : confirmations) {
            List<String> received = SMTP.byRecipient.get(e.data().get("userEmail").asText());
            assertThat(received).as("mails to " + e.data().get("userEmail").asText()).hasSize(1);
            assertThat(TestEvents.rowsOfBooking(db, e.aggregateId())).extracting(TestEvents.Row::status, TestEvents.Row::attempts)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("SENT", 1));
        }
    }

    /** Two threads handing sends over left one or more sends of a burst of 20 waiting in 8 of 70 bursts. */
    @Test
    @Order(2)
    void everyBurstAfterItGoesOutBeforeAnySendCouldTimeOut() {
        for (int burst = 0; burst < 20; burst++) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            List<String> recipients = IntStream.range(0, 20).mapToObj(i -> "burst-" + i + "-" + run + "@example.com").toList();
            long start = System.nanoTime();
            TestEvents.publishTogether(recipients.stream()
                    .map(to -> TestEvents.record(TestEvents.booking("BookingConfirmed", to, 1))).toList());

            await().atMost(Duration.ofSeconds(60)).until(() -> recipients.stream().allMatch(SMTP.byRecipient::containsKey));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("burst " + burst + " reached the server before any send could time out")
                    .isLessThan(SEND_TIMEOUT);
        }
    }
}
