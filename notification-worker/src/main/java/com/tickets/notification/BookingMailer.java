package com.tickets.notification;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Mails buyers about their bookings: confirmation (one ticket code per ticket, and a link that
 * manages the booking), cancellation,
 * expiry and refund. No mail for a hold (BookingCreated): the buyer has the API's answer.
 *
 * <p>One mail per event, in effect: (1) record the intent, keyed by event id; (2) send; (3) mark
 * it sent. A redelivered event whose mail is marked sent sends nothing. A crash between (2) and
 * (3) leaves the intent PENDING, and the redelivery sends once more — with the same Message-ID
 * header ({@code <event id@tickets.example.com>}), which mail clients use to drop the copy. That
 * window cannot be closed from our side: SMTP has no idempotency key. A send that fails (SMTP
 * down) is thrown: retry topics after 1, 2, 4, 8, 16 minutes, then the DLQ.
 */
@ApplicationScoped
public class BookingMailer {

    private final Notifications notifications;
    private final MailSender sender;
    private final BuyerLinks links;
    private final MeterRegistry registry;

    BookingMailer(Notifications notifications, MailSender sender, BuyerLinks links, MeterRegistry registry) {
        this.notifications = notifications;
        this.sender = sender;
        this.links = links;
        this.registry = registry;
    }

    @Incoming("booking-events")
    @Blocking
    public void onBookingEvent(String json) {
        EventEnvelope event = EventJson.read(json);
        String kind = switch (event.type()) {
            case EventTypes.BOOKING_CONFIRMED -> "confirmation";
            case EventTypes.BOOKING_CANCELLED -> "cancellation";
            case EventTypes.BOOKING_EXPIRED -> "expiry";
            case EventTypes.REFUND_REQUESTED -> "refund";
            default -> null;
        };
        if (kind == null) {
            return;
        }
        BookingData booking = EventJson.data(event, BookingData.class);
        String messageId = "<" + event.id() + "@tickets.example.com>";
        if (!notifications.intend(event.id(), booking.bookingId(), kind, booking.userEmail(), messageId)) {
            return; // already sent
        }
        MailTemplateInstance mail = switch (kind) {
            case "confirmation" -> Mails.confirmation(booking, links.ticketCodes(booking.bookingId(), booking.quantity()),
                    links.manageBooking(booking.bookingId()));
            case "refund" -> Mails.refund(booking);
            default -> Mails.cancellation(booking, kind.equals("expiry"));
        };
        String subject = switch (kind) {
            case "confirmation" -> "Your tickets for " + booking.concertName();
            case "refund" -> "Your refund for " + booking.concertName();
            case "expiry" -> "Your hold for " + booking.concertName() + " expired";
            default -> "Your booking for " + booking.concertName() + " is cancelled";
        };
        Mail headers = new Mail().addHeader("Message-ID", messageId).addHeader("X-Booking-Id", booking.bookingId().toString());
        sender.send(mail.mail(headers).to(booking.userEmail()).subject(subject));
        notifications.markSent(event.id());
        registry.counter("notifications.sent", "kind", kind).increment();
    }
}
