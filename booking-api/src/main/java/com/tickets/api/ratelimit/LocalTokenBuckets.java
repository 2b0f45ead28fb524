package com.tickets.api.ratelimit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The same token buckets in this replica's memory: used only while Redis cannot be reached. Each
 * replica then limits on its own, so a client spread over N replicas gets up to N times the limit;
 * a degraded limit is better than none, and far better than refusing bookings.
 */
@ApplicationScoped
public class LocalTokenBuckets {

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes a token; returns 0 if one was there, else the milliseconds until one will be. */
    public long take(String key, RateLimitConfig.Limit limit) {
        return buckets.computeIfAbsent(key, k -> new Bucket(limit)).take(System.nanoTime());
    }

    /** A bucket that has refilled completely is the same as no bucket: forget it, so memory stays bounded. */
    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetFullBuckets() {
        long now = System.nanoTime();
        buckets.values().removeIf(b -> b.isFullAt(now));
    }

    int size() {
        return buckets.size();
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long at;

        Bucket(RateLimitConfig.Limit limit) {
            this.capacity = limit.capacity();
            this.perNano = limit.refillPerSecond() / TimeUnit.SECONDS.toNanos(1);
            this.tokens = capacity;
            this.at = System.nanoTime();
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1_000_000));
        }

        synchronized boolean isFullAt(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            if (now > at) {
                tokens = Math.min(capacity, tokens + (now - at) * perNano);
                at = now;
            }
        }
    }
}
