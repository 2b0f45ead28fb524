package com.tickets.api.access;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may see and change a booking: the holder of its buyer's access token. Answers are chosen so
 * that a stranger learns nothing: no token is {@code 401}; another buyer's token on a booking id is
 * {@code 404}, exactly as if the booking did not exist; another buyer's token on an e-mail's list is
 * {@code 403} (the e-mail is the caller's own input, so there is nothing to hide about it).
 */
@ApplicationScoped
public class BuyerAccess {

    private final BuyerAccessTokens tokens;

    BuyerAccess(BuyerAccessTokens tokens) {
        this.tokens = tokens;
    }

    /** The token the request presents; {@code 401} without one. */
    public String requireToken(String authorization) {
        return BearerToken.from(authorization).orElseThrow(AuthenticationRequiredProblem::new);
    }

    /** Whether the presented token is the token of the buyer with this e-mail. */
    public boolean isBuyer(String token, String buyerEmail) {
        return tokens.grants(token, buyerEmail);
    }

    /** For a list by e-mail: {@code 401} without a token, {@code 403} with another buyer's. */
    public void requireBuyer(String authorization, String buyerEmail) {
        if (!isBuyer(requireToken(authorization), buyerEmail)) {
            throw new ForbiddenProblem();
        }
    }
}
