package com.tickets.api.access;

import java.util.Optional;

/** Reads the token out of {@code Authorization: Bearer <token>} (RFC 6750); anything else is no token. */
public final class BearerToken {

    public static final String AUTHORIZATION = "Authorization";
    private static final String SCHEME = "bearer ";
    /** A token is 43 characters; anything much longer is not one of ours and is not worth hashing. */
    private static final int MAX_LENGTH = 512;

    private BearerToken() {
    }

    public static Optional<String> from(String authorization) {
        if (authorization == null || authorization.length() > MAX_LENGTH
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(SCHEME.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
