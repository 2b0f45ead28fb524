package com.tickets.api.idempotency;

import com.tickets.api.problem.InvalidRequestProblem;

import java.util.regex.Pattern;

/**
 * The key may arrive as the {@code Idempotency-Key} header (preferred) or, for old clients, in the
 * body; when both are present they must agree.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern VALID = Pattern.compile("[\\x20-\\x7E]{1,255}");

    private IdempotencyKeys() {
    }

    public static String resolve(String header, String body) {
        if (header != null && !VALID.matcher(header).matches()) {
            throw new InvalidRequestProblem(HEADER, "must be 1 to 255 printable ASCII characters");
        }
        if (header != null && body != null && !header.equals(body)) {
            throw new InvalidRequestProblem("idempotencyKey", "differs from the Idempotency-Key header");
        }
        String key = header != null ? header : body;
        if (key == null) {
            throw new InvalidRequestProblem(HEADER, "is required (header, or idempotencyKey in the body)");
        }
        return key;
    }

    /** For routes that take the key in the header only (the organizer's concert creation). */
    public static String require(String header) {
        if (header == null) {
            throw new InvalidRequestProblem(HEADER, "is required");
        }
        if (!VALID.matcher(header).matches()) {
            throw new InvalidRequestProblem(HEADER, "must be 1 to 255 printable ASCII characters");
        }
        return header;
    }
}
