package com.tickets.notification;

import com.tickets.events.AccessLinkData;
import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.signing.BuyerTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aWaitlistOfferAndItsReminderAreMailedWhileTheOfferIsOpenAndOtherWaitlistEventsAreNot() {
        Instant expires = Instant.parse("2026-12-31T18:10:00Z");
        Instant now = expires.minusSeconds(600);
        UUID entryId = UUID.randomUUID();
        EventEnvelope offer = TestEvents.waitlist(EventTypes.WAITLIST_OFFER_MADE, entryId, "fan@example.com", "OFFERED", expires);

        PlannedMail mail = WaitlistMailer.plan(offer, links, now).orElseThrow();
        assertThat(mail.kind()).isEqualTo("waitlist-offer");
        assertThat(mail.recipient()).isEqualTo("fan@example.com");
        assertThat(mail.bookingId()).isNull();
        assertThat(mail.waitlistEntryId()).isEqualTo(entryId);
        assertThat(mail.messageId()).isEqualTo("<" + offer.id() + "@tickets.example.com>");
        assertThat(mail.subject()).isEqualTo(
                "Tickets for The Waitlisted Show are held for you until Thu 31 Dec 2026, 18:10 GMT, London");

        EventEnvelope expiring = TestEvents.waitlist(EventTypes.WAITLIST_OFFER_EXPIRING, entryId, "fan@example.com",
                "OFFERED", expires);
        PlannedMail reminder = WaitlistMailer.plan(expiring, links, expires.minusSeconds(120)).orElseThrow();
        assertThat(reminder.kind()).isEqualTo("waitlist-reminder");
        assertThat(reminder.subject()).isEqualTo(
                "Reminder: your offer for The Waitlisted Show ends at Thu 31 Dec 2026, 18:10 GMT, London");

        // the window has closed: the link would open nothing
        assertThat(WaitlistMailer.plan(offer, links, expires)).isEmpty();
        assertThat(WaitlistMailer.plan(expiring, links, expires.plusSeconds(1))).isEmpty();
        for (String[] other : new String[][]{{EventTypes.WAITLIST_JOINED, "WAITING"}, {EventTypes.WAITLIST_LEFT, "LEFT"},
                {EventTypes.WAITLIST_OFFER_CLAIMED, "CLAIMED"}, {EventTypes.WAITLIST_OFFER_EXPIRED, "EXPIRED"}}) {
            assertThat(WaitlistMailer.plan(TestEvents.waitlist(other[0], entryId, "fan@example.com", other[1], expires),
                    links, now)).as(other[0]).isEmpty();
        }
        assertThat(WaitlistMailer.plan(TestEvents.booking("BookingConfirmed", "a@example.com", 1), links, now)).isEmpty();
    }

    @Test
    void anOfferWithoutTheExpiryItsMailNeedsCannotBeRead() {
        EventEnvelope broken = TestEvents.waitlist(EventTypes.WAITLIST_OFFER_MADE, UUID.randomUUID(), "fan@example.com",
                "OFFERED", null);
        assertThatThrownBy(() -> WaitlistMailer.plan(broken, links, Instant.now())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClaimLinkCarriesTheEntrysOfferToken() {
        UUID entryId = UUID.randomUUID();
        String link = links.claimWaitlistOffer(entryId);
        assertThat(link).startsWith("http://localhost:8080/#/waitlist/offers/" + entryId + ".");
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThat(new BuyerTokens("an-access-secret-of-32-characters!").waitlistOfferEntryId(token)).contains(entryId);
        assertThat(new BuyerLinks("an-access-secret-of-32-characters!", "a-ticket-code-secret-of-32-chars!",
                URI.create("https://tickets.example.com/")).claimWaitlistOffer(entryId))
                .startsWith("https://tickets.example.com/#/waitlist/offers/");
    }

    @Test
    void datesAreShownOnTheVenuesClockToTheMinuteWithTheZonesNameAndCityAsTheWebPageShowsThem() {
        Instant newYearsEve = Instant.parse("2026-12-31T20:00:59Z");
        // the strings of the web page's venueTime (format.test.ts) for the same instants
        assertThat(VenueTime.format(newYearsEve, "Europe/London")).isEqualTo("Thu 31 Dec 2026, 20:00 GMT, London");
        assertThat(VenueTime.format(Instant.parse("2026-07-04T19:30:00Z"), "Europe/London"))
                .isEqualTo("Sat 4 Jul 2026, 20:30 BST, London");
        assertThat(VenueTime.format(Instant.parse("2030-04-18T18:00:00Z"), "Europe/Berlin"))
                .isEqualTo("Thu 18 Apr 2030, 20:00 CEST, Berlin");
        assertThat(VenueTime.format(Instant.parse("2026-12-31T01:00:00Z"), "America/New_York"))
                .isEqualTo("Wed 30 Dec 2026, 20:00 EST, New York");
        assertThat(VenueTime.format(newYearsEve, "Europe/Berlin")).isEqualTo("Thu 31 Dec 2026, 21:00 CET, Berlin");
        // the venue's day, not UTC's
        assertThat(VenueTime.format(newYearsEve, "Australia/Sydney")).isEqualTo("Fri 1 Jan 2027, 07:00 AEDT, Sydney");
        assertThat(VenueTime.format(newYearsEve, "UTC")).isEqualTo("Thu 31 Dec 2026, 20:00 UTC");
        assertThat(VenueTime.format(newYearsEve, "Etc/UTC")).isEqualTo("Thu 31 Dec 2026, 20:00 UTC");
        // no zone (a booking event written before they carried one), or one nobody knows: UTC rather than nothing
        assertThat(VenueTime.format(newYearsEve, null)).isEqualTo("Thu 31 Dec 2026, 20:00 UTC");
        assertThat(VenueTime.format(newYearsEve, "Mars/Olympus_Mons")).isEqualTo("Thu 31 Dec 2026, 20:00 UTC");
    }

    @Test
    void aBookingMailIsPlannedFromAnEventWithoutTheVenueAsFromOneWithIt() {
        for (String type : new String[]{"BookingConfirmed", "BookingCancelled", "BookingExpired", "RefundRequested"}) {
            EventEnvelope old = TestEvents.bookingWithoutVenue(type, "buyer@example.com", 1);
            BookingData read = EventJson.data(old, BookingData.class);
            assertThat(read.location()).isNull();
            assertThat(read.timeZone()).isNull();
            assertThat(BookingMailer.plan(old, links)).as(type).isPresent();
        }
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
