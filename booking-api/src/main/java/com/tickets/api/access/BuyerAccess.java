package com.tickets.api.access;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Who may see and change a booking: the holder of that booking's token, or of a session of its
 * buyer's e-mail (opened with a mailed link, so it proves the inbox). Knowing an e-mail and a
 * booking id gives nothing. Answers are chosen so that a stranger learns nothing: no token is
 * {@code 401}; a token that does not reach a booking is {@code 404}, exactly as if the booking did not
 * exist; a session of one e-mail asking for another e-mail's list is {@code 403}.
 */
@ApplicationScoped
public class BuyerAccess {

    private final BookingTokens bookingTokens;
    private final BuyerSessions sessions;

    BuyerAccess(BookingTokens bookingTokens, BuyerSessions sessions) {
        this.bookingTokens = bookingTokens;
        this.sessions = sessions;
    }

    /** The token the request presents; {@code 401} without one. */
    public String requireToken(String authorization) {
        return BearerToken.from(authorization).orElseThrow(AuthenticationRequiredProblem::new);
    }

    /** Whether {@code token} reaches this booking: its own token, or a live session of its buyer. */
    public boolean reachesBooking(String token, UUID bookingId, String buyerEmail) {
        if (bookingTokens.grants(token, bookingId)) {
            return true;
        }
        return sessions.find(token).map(s -> s.email().equals(buyerEmail)).orElse(false);
    }

    /** The live session the request presents; {@code 401} without one (a booking token is not a session). */
    public BuyerSession requireSession(String authorization) {
        return sessions.find(requireToken(authorization)).orElseThrow(AuthenticationRequiredProblem::new);
    }
}
