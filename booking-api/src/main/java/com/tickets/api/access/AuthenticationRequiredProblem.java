package com.tickets.api.access;

import com.tickets.api.problem.ProblemException;

import java.util.Map;

/** 401: bookings are the buyer's own; the request must carry the buyer's access token. */
public class AuthenticationRequiredProblem extends ProblemException {

    public AuthenticationRequiredProblem() {
        super("authentication-required", "Authentication required", 401,
                "Send 'Authorization: Bearer <token>' with the booking's access token, or sign in with a link (POST /api/access-links)", Map.of());
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", "Bearer realm=\"bookings\"");
    }
}
