package com.tickets.api.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code booking.rate-limit.*}: token buckets per client address, per buyer e-mail, and per address asking for sign-in links. */
@ConfigMapping(prefix = "booking.rate-limit")
public interface RateLimitConfig {

    /** {@code BOOKING_RATE_LIMIT_ENABLED}; on in production, off in the %test profile (race tests send 1,000 bookings from one IP). */
    boolean enabled();

    Limit ip();

    Limit email();

    /** Sign-in links per e-mail address (each is a mail sent to it). */
    Limit signIn();

    /** Redis keys are {@code <prefix><kind>:<subject>}. */
    @WithDefault("rl:")
    String redisPrefix();

    /** A bucket: up to {@code capacity} requests at once, then {@code refillPerSecond} a second. */
    interface Limit {
        int capacity();

        double refillPerSecond();
    }
}
