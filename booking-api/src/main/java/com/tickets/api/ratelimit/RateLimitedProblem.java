package com.tickets.api.ratelimit;

import com.tickets.api.problem.ProblemException;

import java.util.Map;

/** 429 with {@code Retry-After} in seconds: when the bucket will hold a token again. */
public class RateLimitedProblem extends ProblemException {

    private final long retryAfterSeconds;

    public RateLimitedProblem(BucketKind kind, long retryAfterSeconds) {
        super("rate-limited", "Too many requests", 429,
                "Too many booking requests from " + kind.whose + "; retry in " + retryAfterSeconds + " s",
                Map.of("retryAfterSeconds", retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
