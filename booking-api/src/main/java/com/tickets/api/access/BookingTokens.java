package com.tickets.api.access;

import com.tickets.events.signing.BuyerTokens;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/**
 * booking-api's side of {@link BuyerTokens}: issues booking and waitlist entry tokens, checks them, sign-in link
 * tokens and waitlist offer tokens.
 */
@ApplicationScoped
public class BookingTokens {

    private final BuyerTokens tokens;

    BookingTokens(BuyerAccessConfig config) {
        this.tokens = new BuyerTokens(config.secret());
    }

    /** Manages this booking only; the same for every answer about it, so a replay stays byte for byte. */
    public String issue(UUID bookingId) {
        return tokens.bookingToken(bookingId);
    }

    public boolean grants(String token, UUID bookingId) {
        return tokens.grantsBooking(token, bookingId);
    }

    public Optional<UUID> signInLinkId(String linkToken) {
        return tokens.signInLinkId(linkToken);
    }

    /** Reads the waitlist entry's position and leaves the list; the same for every answer about it. */
    public String issueWaitlist(UUID entryId) {
        return tokens.waitlistToken(entryId);
    }

    public boolean grantsWaitlist(String token, UUID entryId) {
        return tokens.grantsWaitlistEntry(token, entryId);
    }

    /** The waitlist entry whose offer the token (a mailed claim link's) is, if we issued it. */
    public Optional<UUID> waitlistOfferEntryId(String offerToken) {
        return tokens.waitlistOfferEntryId(offerToken);
    }
}
