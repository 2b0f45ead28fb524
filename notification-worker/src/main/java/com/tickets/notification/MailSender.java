package com.tickets.notification;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.mailer.MockMailbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/** Sends one rendered mail and waits for the SMTP server's answer; a failure is thrown. */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    // field injection: a test stand-in (FlakyMailSender) extends this class, and a bean class
    // that is subclassed needs a no-args constructor
    @Inject
    MockMailbox mockMailbox;

    @ConfigProperty(name = "notification.mock-mailbox.max-mails")
    int mockMailboxLimit;

    public void send(MailTemplateInstance mail) {
        mail.send().await().atMost(Duration.ofSeconds(30));
        keepMockMailboxBounded(); // without the mock mailer, the mock mailbox stays empty
    }

    /**
     * The mock mailer (the local run, tests) keeps every mail it is given for as long as the
     * process runs. On the local stack, after about 100,000 bookings, 430 of the worker's 512 MiB
     * were mails and a third of its CPU went to garbage collection — CPU taken from the booking
     * API on the same machine. So once it holds {@code notification.mock-mailbox.max-mails}, it
     * starts over empty (the mock has no way to drop only the oldest). Mails are sent one at a
     * time (the consumer is ordered), so this never runs beside a send into the mock's HashMap.
     */
    private void keepMockMailboxBounded() {
        if (mockMailbox.getTotalMessagesSent() >= mockMailboxLimit) {
            LOG.infof("the mock mailbox holds %d mails: emptied to keep the worker's memory bounded",
                    mockMailbox.getTotalMessagesSent());
            mockMailbox.clear();
        }
    }
}
