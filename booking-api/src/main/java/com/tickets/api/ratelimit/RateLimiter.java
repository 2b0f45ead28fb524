package com.tickets.api.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Limits booking and cancelling per client address and per buyer e-mail, and sign-in links per e-mail. Throws
 * {@link RateLimitedProblem} (429 + Retry-After) when the bucket is empty; does nothing when
 * {@code booking.rate-limit.enabled} is false.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    private final RateLimitConfig config;
    private final RedisTokenBuckets buckets;
    private final MeterRegistry metrics;

    RateLimiter(RateLimitConfig config, RedisTokenBuckets buckets, MeterRegistry metrics) {
        this.config = config;
        this.buckets = buckets;
        this.metrics = metrics;
    }

    /** Takes a token from the subject's bucket without holding a thread; fails with {@link RateLimitedProblem} when empty. */
    public Uni<Void> admit(BucketKind kind, String subject) {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        String key = key(kind, subject);
        return buckets.take(key, kind.limit(config)).map(waitMillis -> {
            LOG.debugf("bucket %s: %s", key, waitMillis == 0 ? "token taken" : "empty for " + waitMillis + " ms");
            if (waitMillis > 0) {
                metrics.counter("booking_rate_limited_total", "kind", kind.key).increment();
                throw new RateLimitedProblem(kind, Math.max(1, (waitMillis + 999) / 1000));
            }
            return null;
        });
    }

    /** {@link #admit}, for endpoints that run on a worker thread anyway (a transaction follows). */
    public void check(BucketKind kind, String subject) {
        admit(kind, subject).await().indefinitely();
    }

    /** E-mails are hashed: the limiter needs to tell buyers apart, not to keep their addresses in Redis. */
    private String key(BucketKind kind, String subject) {
        String id = kind.hashed() ? sha256(subject.trim().toLowerCase(Locale.ROOT)) : subject;
        return config.redisPrefix() + kind.key + ":" + id;
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
