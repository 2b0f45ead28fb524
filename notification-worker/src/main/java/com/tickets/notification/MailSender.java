package com.tickets.notification;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/** Sends one rendered mail and waits for the SMTP server's answer; a failure is thrown. */
@ApplicationScoped
public class MailSender {

    public void send(MailTemplateInstance mail) {
        mail.send().await().atMost(Duration.ofSeconds(30));
    }
}
