package com.tickets.api.ratelimit;

/** What a bucket is counted by. Each booking or cancellation takes one token from each bucket it falls in. */
public enum BucketKind {
    IP("ip", "this client address"),
    EMAIL("email", "this buyer");

    final String key;
    final String whose;

    BucketKind(String key, String whose) {
        this.key = key;
        this.whose = whose;
    }

    RateLimitConfig.Limit limit(RateLimitConfig config) {
        return this == IP ? config.ip() : config.email();
    }
}
