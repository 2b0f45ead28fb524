package com.tickets.notification;

import com.tickets.events.BookingData;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;

import java.time.Instant;
import java.util.List;

/** Type-safe Qute mail templates (templates/*.html and *.txt: every mail has both). */
@CheckedTemplate
public class Mails {
    public static native MailTemplateInstance confirmation(BookingData booking, List<String> ticketCodes, String manageUrl);

    public static native MailTemplateInstance signIn(String signInUrl, Instant expiresAt);

    public static native MailTemplateInstance cancellation(BookingData booking, boolean expired);

    public static native MailTemplateInstance refund(BookingData booking);
}
