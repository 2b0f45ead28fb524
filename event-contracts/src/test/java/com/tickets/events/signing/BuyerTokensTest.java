package com.tickets.events.signing;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuyerTokensTest {

    private final BuyerTokens tokens = new BuyerTokens("a-test-key-of-enough-length-0001");

    @Test
    void a_booking_token_grants_that_booking_and_no_other() {
        UUID mine = UUID.randomUUID();
        String token = tokens.bookingToken(mine);
        assertTrue(tokens.grantsBooking(token, mine));
        assertFalse(tokens.grantsBooking(token, UUID.randomUUID()));
        assertEquals(token, tokens.bookingToken(mine), "the same booking always gets the same token");
    }

    @Test
    void a_token_made_with_another_key_is_refused() {
        UUID booking = UUID.randomUUID();
        String forged = new BuyerTokens("somebody-elses-key-of-enough-len").bookingToken(booking);
        assertFalse(tokens.grantsBooking(forged, booking));
        UUID link = UUID.randomUUID();
        assertTrue(tokens.signInLinkId(new BuyerTokens("somebody-elses-key-of-enough-len").signInToken(link)).isEmpty());
    }

    @Test
    void a_sign_in_token_names_its_link_and_cannot_be_moved_to_another() {
        UUID link = UUID.randomUUID();
        String token = tokens.signInToken(link);
        assertEquals(link, tokens.signInLinkId(token).orElseThrow());
        String moved = UUID.randomUUID() + token.substring(36);
        assertTrue(tokens.signInLinkId(moved).isEmpty());
        assertTrue(tokens.signInLinkId("garbage").isEmpty());
        assertTrue(tokens.signInLinkId(link + ".").isEmpty());
    }

    @Test
    void a_sign_in_token_is_not_a_booking_token_of_the_same_id() {
        UUID id = UUID.randomUUID();
        assertFalse(tokens.grantsBooking(tokens.signInToken(id).substring(37), id));
    }

    @Test
    void ticket_codes_are_keyed_distinct_and_stable() {
        UUID booking = UUID.randomUUID();
        TicketCodes codes = new TicketCodes("a-ticket-code-key-of-enough-len1");
        var first = codes.of(booking, 10);
        assertEquals(first, codes.of(booking, 10));
        assertEquals(10, new HashSet<>(first).size());
        assertTrue(first.get(0).matches("TKT(-[A-Z2-7]{4}){4}"), first.get(0));
        assertNotEquals(first, new TicketCodes("another-ticket-code-key-enough-l").of(booking, 10));
        assertEquals(first.get(0), TicketCodes.normalize("  " + first.get(0).toLowerCase() + " "));
    }

    @Test
    void short_keys_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new BuyerTokens("short"));
    }

    @Test
    void waitlist_tokens_name_their_entry_and_are_not_booking_or_sign_in_tokens() {
        UUID entry = UUID.randomUUID();
        assertTrue(tokens.grantsWaitlistEntry(tokens.waitlistToken(entry), entry));
        assertFalse(tokens.grantsWaitlistEntry(tokens.waitlistToken(entry), UUID.randomUUID()));
        assertFalse(tokens.grantsBooking(tokens.waitlistToken(entry), entry), "an entry's token is not a booking's");
        String offer = tokens.waitlistOfferToken(entry);
        assertEquals(entry, tokens.waitlistOfferEntryId(offer).orElseThrow());
        assertTrue(tokens.signInLinkId(offer).isEmpty(), "an offer token is not a sign-in link");
        assertTrue(tokens.waitlistOfferEntryId(tokens.signInToken(entry)).isEmpty(), "a sign-in link is not an offer");
        String moved = UUID.randomUUID() + offer.substring(36);
        assertTrue(tokens.waitlistOfferEntryId(moved).isEmpty(), "the MAC belongs to its entry");
        assertTrue(tokens.waitlistOfferEntryId("not-a-token").isEmpty());
        assertTrue(tokens.waitlistOfferEntryId(null).isEmpty());
    }
}
