package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification worker SIGKILLed mid-send: caught while mails it has claimed (intent PENDING, a send
 * counted) are not marked sent yet. Its successor sends every mail the crowd's bookings need, exactly one
 * per event; a mail that was in flight at the kill may reach the mail server twice (same Message-ID), the one
 * window SMTP leaves open (docs/notifications.md), and only such a mail.
 */
@ExtendWith(FaultStackExtension.class)
class MailerKillFaultIT {

    static final String IN_FLIGHT = "select event_id from notifications where status = 'PENDING' and attempts >= 1";

    @Test
    void aMailerKilledMidSendSendsEveryMailOnceItIsBack(FaultStack stack) throws Exception {
        Tier tier = Tier.onSale(stack.api(), "Mailer killed", "42.00");

        var outcome = FaultScenario.run(stack, "sigkill-mailer-mid-send", tier, run -> {
            boolean caught = false;
            int atServer = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try (Connection c = Snapshot.connect(stack.jdbcUrl("notification")); var st = c.prepareStatement(IN_FLIGHT)) {
                while (!caught && System.nanoTime() < deadline) {
                    try (var rs = st.executeQuery()) {
                        if (rs.next()) {
                            atServer = stack.mailServer().inData.get();
                            stack.kill(FaultStack.MAILS);
                            caught = true;
                        }
                    }
                }
                assertThat(caught).as("the mailer caught with mails in flight within 30 s").isTrue();
                // the worker is dead: what it had claimed and not marked is exactly the window
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        run.mailsInFlightAtKill.add(rs.getObject(1, UUID.class));
                    }
                }
            }
            long down = System.nanoTime();
            stack.startMails();
            return "notification-worker SIGKILLed with %d mails claimed and not yet marked sent (%d being received by the mail server),"
                    .formatted(run.mailsInFlightAtKill.size(), atServer)
                    + " restarted in " + (System.nanoTime() - down) / 1_000_000_000 + " s";
        });

        FaultScenario.assertHeld(outcome);
    }
}
