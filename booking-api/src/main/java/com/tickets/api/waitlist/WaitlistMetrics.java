package com.tickets.api.waitlist;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code waitlist_*} counters: entries joined and left, offers made, claimed and expired. */
@ApplicationScoped
class WaitlistMetrics {

    private final Counter joined;
    private final Counter left;
    private final Counter offersMade;
    private final Counter offersClaimed;
    private final Counter offersExpired;

    WaitlistMetrics(MeterRegistry registry) {
        this.joined = Counter.builder("waitlist_entries_joined").description("waitlist entries created").register(registry);
        this.left = Counter.builder("waitlist_entries_left").description("waitlist entries that left the list")
                .register(registry);
        this.offersMade = offer(registry, "made");
        this.offersClaimed = offer(registry, "claimed");
        this.offersExpired = offer(registry, "expired");
    }

    private static Counter offer(MeterRegistry registry, String outcome) {
        return Counter.builder("waitlist_offers").tag("outcome", outcome)
                .description("waitlist offers, by what happened to them").register(registry);
    }

    void joined() {
        joined.increment();
    }

    void left() {
        left.increment();
    }

    void offersMade(int n) {
        offersMade.increment(n);
    }

    void claimed() {
        offersClaimed.increment();
    }

    void expired(int n) {
        offersExpired.increment(n);
    }
}
