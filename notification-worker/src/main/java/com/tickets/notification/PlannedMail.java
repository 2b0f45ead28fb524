package com.tickets.notification;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * The mail one event calls for, decided before anything is recorded or sent: its kind (as
 * {@code notifications.kind} records it), recipient and subject. {@code body} builds the Qute template
 * instance only when the mail is sent.
 *
 * @param bookingId null for a mail about no booking (a sign-in link)
 */
public record PlannedMail(UUID eventId, UUID bookingId, String kind, String recipient, String subject,
                          Supplier<MailTemplateInstance> body) {

    /** Derived from the event id alone, so a resend of the same event is recognisably the same mail. */
    public String messageId() {
        return "<" + eventId + "@tickets.example.com>";
    }

    Notifications.Intent intent() {
        return new Notifications.Intent(eventId, bookingId, kind, recipient, messageId());
    }

    /** The mail as the mailer takes it: body, recipient, subject, and the Message-ID and X-Booking-Id headers. */
    MailTemplateInstance render() {
        Mail headers = new Mail().addHeader("Message-ID", messageId());
        if (bookingId != null) {
            headers.addHeader("X-Booking-Id", bookingId.toString());
        }
        return body.get().mail(headers).to(recipient).subject(subject);
    }
}
