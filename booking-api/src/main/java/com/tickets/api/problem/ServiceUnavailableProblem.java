package com.tickets.api.problem;

import java.util.Map;

/**
 * 503 with {@code Retry-After}: the database is away or overloaded right now. Nothing was written
 * for this request that the client could not get back by retrying with the same idempotency key.
 */
public class ServiceUnavailableProblem extends ProblemException {

    private static final int RETRY_AFTER_SECONDS = 2;

    public ServiceUnavailableProblem(String detail) {
        super("service-unavailable", "Service unavailable", 503, detail, Map.of());
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
}
