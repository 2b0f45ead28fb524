package com.tickets.notification;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.mailer.MockMailbox;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hands rendered mails to the reactive Quarkus Mailer. A send returns at once and holds no thread
 * while the SMTP server answers, so many can be in flight side by side ({@link BatchMailer} bounds
 * how many). A send that has no answer within {@code notification.sends.timeout} fails like a
 * refused one.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);

    // field injection: a test stand-in (FlakyMailSender) extends this class, and a bean class
    // that is subclassed needs a no-args constructor
    @Inject
    MockMailbox mockMailbox;

    @Inject
    SendConfig config;

    @ConfigProperty(name = "quarkus.mailer.mock", defaultValue = "false")
    boolean mock;

    @ConfigProperty(name = "notification.mock-mailbox.max-mails")
    int mockMailboxLimit;

    /** The one thread that writes to the mock mailbox (see {@link #keepMockMailboxBounded}). */
    private ExecutorService mockMailboxWriter;
    /** The one thread real sends are handed to the mailer from (see {@link #send}). */
    private ExecutorService handOff;

    @PostConstruct
    void start() {
        if (mock) {
            mockMailboxWriter = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mock-mailbox-writer");
                t.setDaemon(true);
                return t;
            });
        } else {
            handOff = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mail-hand-off");
                t.setDaemon(true);
                return t;
            });
        }
    }

    @PreDestroy
    void stop() {
        if (mockMailboxWriter != null) {
            mockMailboxWriter.shutdown();
        }
        if (handOff != null) {
            handOff.shutdown();
        }
    }

    /**
     * A real send is handed to the mailer from one thread of its own, never from the caller's.
     * <ul>
     * <li><b>Not the caller's thread:</b> the batch consumers call this from a Kafka channel's blocking
     * handler and wait for the sends. The Vert.x mail client's first send looks up the name it gives in EHLO
     * with an <em>ordered</em> blocking task on the calling thread's Vert.x context, and that context's
     * ordered queue is busy with the very handler that waits: every mail of the first batch after a start
     * waited for its send timeout (30 s), was retried, and then went out twice (docs/reliability.md, defect 6).</li>
     * <li><b>One thread:</b> Vert.x gives a thread without a context one context of its own, on one event
     * loop, and keeps it. Sends started from two such threads run on two event loops, and the client's
     * connection pool then now and then leaves a send without a connection until its timeout: against the
     * bare client, 8 of 70 bursts of 20 sends from two threads had one or more such sends, none of 120
     * bursts from one thread (docs/reliability.md, defect 11).</li>
     * </ul>
     * Only the hand-off runs on this thread (rendering the mail and starting the send); the send itself
     * holds no thread, so one is enough.
     */
    public Uni<Void> send(MailTemplateInstance mail) {
        Uni<Void> send = mock ? intoMockMailbox(mail) : Uni.createFrom().deferred(mail::send).runSubscriptionOn(handOff);
        return send.ifNoItem().after(config.timeout()).fail();
    }

    /**
     * The mock mailbox is a plain HashMap with a plain counter, written by whichever thread runs the
     * send, and sends overlap: so with the mock mailer every send runs on one thread, one after
     * the other. A mock send is an in-memory copy, so this costs nothing that matters.
     */
    private Uni<Void> intoMockMailbox(MailTemplateInstance mail) {
        return Uni.createFrom().<Void>item(() -> {
            mail.send().await().atMost(config.timeout());
            keepMockMailboxBounded();
            return null;
        }).runSubscriptionOn(mockMailboxWriter);
    }

    /**
     * The mock mailer (the local run, tests) keeps every mail it is given for as long as the
     * process runs. On the local stack, after about 100,000 bookings, 430 of the worker's 512 MiB
     * were mails and a third of its CPU went to garbage collection — CPU taken from the booking
     * API on the same machine. So once it holds {@code notification.mock-mailbox.max-mails}, it
     * starts over empty (the mock has no way to drop only the oldest). This runs on the mock
     * mailbox's one writing thread, right after a send, so no other send is writing to the map
     * while it is cleared. Readers ({@link MailboxPage}, tests) are not synchronized with it: they
     * may see a mail list change under them, as they always could.
     */
    private void keepMockMailboxBounded() {
        if (mockMailbox.getTotalMessagesSent() >= mockMailboxLimit) {
            LOG.infof("the mock mailbox holds %d mails: emptied to keep the worker's memory bounded",
                    mockMailbox.getTotalMessagesSent());
            mockMailbox.clear();
        }
    }
}
