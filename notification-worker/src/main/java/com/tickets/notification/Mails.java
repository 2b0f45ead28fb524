package com.tickets.notification;

import com.tickets.events.BookingData;
import com.tickets.events.WaitlistData;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.qute.CheckedTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Type-safe Qute mail templates (templates/*.html and *.txt: every mail has both). */
@CheckedTemplate
public class Mails {
    /**
     * A confirmed booking: its ticket codes and the link that manages it. {@code concertDate} is already in the
     * venue's time ({@link VenueTime}; null when the event carried no date), as in the cancellation and refund
     * mails, which show the venue ({@code booking.location}, when the event has it) and the same link.
     */
    public static native MailTemplateInstance confirmation(BookingData booking, String concertDate, List<String> ticketCodes,
                                                           String manageUrl);

    public static native MailTemplateInstance signIn(String signInUrl, Instant expiresAt);

    public static native MailTemplateInstance cancellation(BookingData booking, String concertDate, boolean expired,
                                                           String manageUrl);

    public static native MailTemplateInstance refund(BookingData booking, String concertDate, String manageUrl);

    /**
     * A waitlist offer: the tickets held for the buyer until {@code expiresAt}, and the link that claims
     * them. Dates are already in the venue's time ({@link VenueTime}); {@code total} is null when the
     * event carried no price.
     */
    public static native MailTemplateInstance waitlistOffer(WaitlistData entry, String concertDate, String expiresAt,
                                                            BigDecimal total, String claimUrl);

    /** The reminder of a waitlist offer still unclaimed shortly before its window closes. */
    public static native MailTemplateInstance waitlistReminder(WaitlistData entry, String concertDate, String expiresAt,
                                                               BigDecimal total, String claimUrl);
}
