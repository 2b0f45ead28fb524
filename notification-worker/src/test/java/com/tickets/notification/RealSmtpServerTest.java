package com.tickets.notification;

import com.tickets.events.EventEnvelope;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
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
 * connection, and each mail reaches the server once: sends started from two threads now and then waited
 * until their timeout.
 */
@QuarkusTest
@TestProfile(RealSmtpServerTest.ToAnSmtpServer.class)
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
    void theFirstBatchAfterAStartAndEveryBurstAfterItGoOutAtOnceAndOnce() {
        List<EventEnvelope> first = batch("first");
        long start = System.nanoTime();
        TestEvents.publishTogether(first.stream().map(TestEvents::record).toList());
        awaitAtTheServer(first);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("the first batch's mails reached the server before any send could time out").isLessThan(SEND_TIMEOUT);

        // two threads handing sends over left one or more sends of a burst of 20 waiting in 8 of 70 bursts
        List<EventEnvelope> all = new ArrayList<>(first);
        for (int burst = 0; burst < 20; burst++) {
            List<EventEnvelope> mails = batch("burst-" + burst);
            long sent = System.nanoTime();
            TestEvents.publishTogether(mails.stream().map(TestEvents::record).toList());
            awaitAtTheServer(mails);
            assertThat(Duration.ofNanos(System.nanoTime() - sent))
                    .as("burst " + burst + " reached the server before any send could time out").isLessThan(SEND_TIMEOUT);
            all.addAll(mails);
        }

        // past the timeout and the test profile's retry topics (1 s, 2 s) after the first batch: no second copy comes
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        try {
            Thread.sleep(Math.max(0, SEND_TIMEOUT.plusSeconds(4).toMillis() - waited));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        for (EventEnvelope e : all) {
            List<String> received = SMTP.byRecipient.get(recipient(e));
            assertThat(received).as("mails to " + recipient(e)).hasSize(1);
            assertThat(TestEvents.rowsOfBooking(db, e.aggregateId())).extracting(TestEvents.Row::status, TestEvents.Row::attempts)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("SENT", 1));
        }
    }

    private static List<EventEnvelope> batch(String name) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, 20)
                .mapToObj(i -> TestEvents.booking("BookingConfirmed", name + "-" + i + "-" + run + "@example.com", 1)).toList();
    }

    private static void awaitAtTheServer(List<EventEnvelope> mails) {
        await().atMost(Duration.ofSeconds(60)).until(() -> mails.stream().allMatch(e -> SMTP.byRecipient.containsKey(recipient(e))));
    }

    private static String recipient(EventEnvelope e) {
        return e.data().get("userEmail").asText();
    }
}
