package com.tickets.api.access;

import com.tickets.events.signing.BuyerTokens;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** booking-api's side of {@link BuyerTokens}: issues booking tokens, checks them and sign-in link tokens. */
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
}
