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
 * @param bookingId       null for a mail about no booking (a sign-in link, a waitlist offer)
 * @param waitlistEntryId the waitlist entry a waitlist mail is about; null for every other mail
 */
public record PlannedMail(UUID eventId, UUID bookingId, String kind, String recipient, String subject,
                          Supplier<MailTemplateInstance> body, UUID waitlistEntryId) {

    /** A mail about a booking, or about nothing kept (a sign-in link). */
    public PlannedMail(UUID eventId, UUID bookingId, String kind, String recipient, String subject,
                       Supplier<MailTemplateInstance> body) {
        this(eventId, bookingId, kind, recipient, subject, body, null);
    }

    /** A mail about a waitlist entry (its offer, the reminder). */
    public static PlannedMail aboutWaitlistEntry(UUID eventId, UUID entryId, String kind, String recipient, String subject,
                                                 Supplier<MailTemplateInstance> body) {
        return new PlannedMail(eventId, null, kind, recipient, subject, body, entryId);
    }

    /**
     * What the mail is about, for sending the mails of one thing one after the other in the order of
     * their events: its booking, its waitlist entry, or (a sign-in link) only its own event.
     */
    UUID sequenceKey() {
        return bookingId != null ? bookingId : waitlistEntryId != null ? waitlistEntryId : eventId;
    }

    /** Derived from the event id alone, so a resend of the same event is recognisably the same mail. */
    public String messageId() {
        return "<" + eventId + "@tickets.example.com>";
    }

    Notifications.Intent intent() {
        return new Notifications.Intent(eventId, bookingId, waitlistEntryId, kind, recipient, messageId());
    }

    /**
     * The mail as the mailer takes it: body, recipient, subject, and the Message-ID and X-Booking-Id
     * (or X-Waitlist-Entry-Id) headers.
     */
    MailTemplateInstance render() {
        Mail headers = new Mail().addHeader("Message-ID", messageId());
        if (bookingId != null) {
            headers.addHeader("X-Booking-Id", bookingId.toString());
        }
        if (waitlistEntryId != null) {
            headers.addHeader("X-Waitlist-Entry-Id", waitlistEntryId.toString());
        }
        return body.get().mail(headers).to(recipient).subject(subject);
    }
}
