package com.tickets.notification;

import com.tickets.events.AccessLinkData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which event calls for which mail: decided from the event alone, before anything is recorded or sent. */
class MailPlanTest {

    private final BuyerLinks links = new BuyerLinks("an-access-secret-of-32-characters!", "a-ticket-code-secret-of-32-chars!",
            URI.create("http://localhost:8080"));

    @Test
    void eachBookingEventThatMattersCallsForItsMailToTheBuyer() {
        assertPlanned("BookingConfirmed", "confirmation", "Your tickets for The Test Show");
        assertPlanned("BookingCancelled", "cancellation", "Your booking for The Test Show is cancelled");
        assertPlanned("BookingExpired", "expiry", "Your hold for The Test Show expired");
        assertPlanned("RefundRequested", "refund", "Your refund for The Test Show");
    }

    @Test
    void aHoldAndEventsOfOtherKindsCallForNone() {
        assertThat(BookingMailer.plan(TestEvents.booking("BookingCreated", "a@example.com", 1), links)).isEmpty();
        assertThat(BookingMailer.plan(TestEvents.booking("PaymentSucceeded", "a@example.com", 1), links)).isEmpty();
    }

    @Test
    void aSignInLinkIsMailedWhileItIsValidAndNotOnceItExpired() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        UUID linkId = UUID.randomUUID();
        EventEnvelope requested = EventJson.envelope("SignInLinkRequested", linkId.toString(), null,
                new AccessLinkData(linkId, "fan@example.com", now.plusSeconds(900)), now);

        PlannedMail mail = SignInMailer.plan(requested, links, now).orElseThrow();
        assertThat(mail.kind()).isEqualTo("sign-in");
        assertThat(mail.recipient()).isEqualTo("fan@example.com");
        assertThat(mail.bookingId()).isNull();
        assertThat(mail.messageId()).isEqualTo("<" + requested.id() + "@tickets.example.com>");
        assertThat(SignInMailer.plan(requested, links, now.plusSeconds(900))).isEmpty();
        assertThat(SignInMailer.plan(TestEvents.booking("BookingConfirmed", "a@example.com", 1), links, now)).isEmpty();
    }

    private void assertPlanned(String type, String kind, String subject) {
        EventEnvelope event = TestEvents.booking(type, "buyer@example.com", 2);
        Optional<PlannedMail> planned = BookingMailer.plan(event, links);
        assertThat(planned).as(type).isPresent();
        PlannedMail mail = planned.get();
        assertThat(mail.eventId()).isEqualTo(event.id());
        assertThat(mail.bookingId()).hasToString(event.aggregateId());
        assertThat(mail.kind()).isEqualTo(kind);
        assertThat(mail.recipient()).isEqualTo("buyer@example.com");
        assertThat(mail.subject()).isEqualTo(subject);
        // the same for every delivery of the event, so a resend is recognisably the same mail
        assertThat(mail.messageId()).isEqualTo("<" + event.id() + "@tickets.example.com>");
    }
}
