package com.tickets.api.ratelimit;

/** What a bucket is counted by. Each booking or cancellation takes one token from each bucket it falls in. */
public enum BucketKind {
    IP("ip", "this client address"),
    EMAIL("email", "this buyer"),
    /** Sign-in links asked for an e-mail: each one is a mail in somebody's inbox. */
    SIGN_IN("sign-in", "sign-in links to this address");

    final String key;
    final String whose;

    BucketKind(String key, String whose) {
        this.key = key;
        this.whose = whose;
    }

    RateLimitConfig.Limit limit(RateLimitConfig config) {
        return switch (this) {
            case IP -> config.ip();
            case EMAIL -> config.email();
            case SIGN_IN -> config.signIn();
        };
    }

    /** E-mails are hashed in bucket keys: the limiter tells buyers apart without keeping their addresses in Redis. */
    boolean hashed() {
        return this != IP;
    }
}
