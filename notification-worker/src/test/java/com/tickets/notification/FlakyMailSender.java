package com.tickets.notification;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.concurrent.atomic.AtomicInteger;

/** Test stand-in for an SMTP server that is down for the next n sends. */
@Alternative
@Priority(1)
@ApplicationScoped
public class FlakyMailSender extends MailSender {

    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

    @Override
    public void send(MailTemplateInstance mail) {
        if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("simulated SMTP outage: connection refused");
        }
        super.send(mail);
    }
}
