package com.tickets.api.availability;

import com.tickets.api.problem.ProblemException;

import java.util.Map;

/** 429 {@code rate-limited}: this client address already holds the most streams it may. */
public class TooManyStreamsProblem extends ProblemException {

    private final long retryAfterSeconds;

    public TooManyStreamsProblem(int max, long retryAfterSeconds) {
        super("rate-limited", "Too many requests", 429,
                "This client address already has " + max + " availability streams open; close one or retry in "
                        + retryAfterSeconds + " s",
                Map.of("retryAfterSeconds", retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
