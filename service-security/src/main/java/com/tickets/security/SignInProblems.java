package com.tickets.security;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A sign-in refused by {@link LoginThrottle}: an {@link AuthenticationFailedException} (final in
 * Quarkus, so marked by an attribute) that each service's mapper of that exception answers with
 * {@link #throttledResponse} — 429 application/problem+json with {@code Retry-After} — before its
 * usual 401.
 */
public final class SignInProblems {

    public static final String RATE_LIMITED = "https://tickets.example.com/problems/rate-limited";
    static final String RETRY_AFTER_SECONDS = "tickets.sign-in.retry-after-seconds";

    private SignInProblems() {
    }

    public static AuthenticationFailedException throttled(Duration retryAfter) {
        // whole seconds, rounded up: a client that waits that long finds the lockout over
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new AuthenticationFailedException("Too many failed sign-ins", Map.of(RETRY_AFTER_SECONDS, seconds));
    }

    /** The 429 for a throttled sign-in; empty for any other authentication failure. */
    public static Optional<Response> throttledResponse(AuthenticationFailedException e, String path) {
        Object seconds = e.getAttributes() == null ? null : e.getAttributes().get(RETRY_AFTER_SECONDS);
        if (!(seconds instanceof Long retryAfter)) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", RATE_LIMITED);
        body.put("title", "Too many failed sign-ins");
        body.put("status", 429);
        body.put("detail", "Too many failed sign-ins for this user name or from this address; try again in "
                + retryAfter + " s. Until then every attempt is refused, a correct password included.");
        body.put("instance", path);
        return Optional.of(Response.status(429).type("application/problem+json")
                .header("Retry-After", String.valueOf(retryAfter)).entity(body).build());
    }
}
