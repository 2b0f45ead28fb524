package com.tickets.api.problem;

import java.util.UUID;

/** Path and query ids arrive as text; a malformed one is the client's mistake (400), not ours. */
public final class Ids {
    private Ids() {
    }

    public static UUID parse(String value, String field) {
        try {
            if (value != null && value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException ignored) {
            // fall through to the problem below
        }
        throw new InvalidRequestProblem(field, "must be a UUID");
    }
}
