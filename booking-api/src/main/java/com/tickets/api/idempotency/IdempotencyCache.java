package com.tickets.api.idempotency;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Redis fast path for replays: the answer to a finished booking request, kept 24 h, so a retry is
 * answered without touching the database. Only an optimisation: the bookings table's unique key
 * decides. When Redis is slow or down, the circuit opens and every call falls back to "not
 * remembered" (the database answers), with a warning in the log (at most one every 10 s: under
 * an on-sale a struggling Redis would otherwise write a line per request).
 *
 * <p>Remembering is asynchronous: the answer is already committed and on its way to the client,
 * so the request thread does not wait for Redis. A replay that arrives before the write lands is
 * answered by the database, exactly as when Redis is down.
 */
@ApplicationScoped
public class IdempotencyCache {

    private static final Logger LOG = Logger.getLogger(IdempotencyCache.class);
    private static final char SEPARATOR = '\n';

    /** What Redis remembers of a key: the request fingerprint, the booking and the exact response body. */
    public record Remembered(String fingerprint, UUID bookingId, String body) {
    }

    private static final long WARN_EVERY_MILLIS = 10_000;

    private final ReactiveValueCommands<String, String> asyncValues;
    private final AtomicLong lastWarning = new AtomicLong();
    private final AtomicLong unwarned = new AtomicLong();
    private final String prefix;
    private final Duration ttl;

    IdempotencyCache(ReactiveRedisDataSource asyncRedis,
                     @ConfigProperty(name = "booking.idempotency.redis-prefix") String prefix,
                     @ConfigProperty(name = "booking.idempotency.redis-ttl") Duration ttl) {
        this.asyncValues = asyncRedis.value(String.class);
        this.prefix = prefix;
        this.ttl = ttl;
    }

    /** The remembered answer to a key, if any; no thread waits for Redis ({@code @AsynchronousNonBlocking}). */
    @AsynchronousNonBlocking
    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000)
    @Fallback(fallbackMethod = "nothingRemembered")
    public Uni<Optional<Remembered>> find(String key) {
        return asyncValues.get(prefix + key).map(stored -> {
            if (stored == null) {
                return Optional.empty();
            }
            String[] parts = stored.split(String.valueOf(SEPARATOR), 3);
            return Optional.of(new Remembered(parts[0], UUID.fromString(parts[1]), parts[2]));
        });
    }

    /** Starts writing the answer to Redis; the returned {@code Uni} ends when it is written or given up. */
    @AsynchronousNonBlocking
    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000)
    @Fallback(fallbackMethod = "notRemembered")
    public Uni<Void> remember(String key, Remembered answer) {
        return asyncValues.setex(prefix + key, ttl.toSeconds(),
                answer.fingerprint() + SEPARATOR + answer.bookingId() + SEPARATOR + answer.body());
    }

    /** {@link #remember} without waiting: a failure is only logged. */
    public void rememberInBackground(String key, Remembered answer) {
        remember(key, answer).subscribe().with(written -> { }, failure -> warn(failure));
    }

    Uni<Optional<Remembered>> nothingRemembered(String key, Throwable cause) {
        warn(cause);
        return Uni.createFrom().item(Optional.empty());
    }

    Uni<Void> notRemembered(String key, Remembered answer, Throwable cause) {
        warn(cause);
        return Uni.createFrom().voidItem();
    }

    private void warn(Throwable cause) {
        if (cause instanceof CircuitBreakerOpenException) {
            LOG.debug("Redis circuit open; idempotency served by the database alone");
            return;
        }
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last < WARN_EVERY_MILLIS || !lastWarning.compareAndSet(last, now)) {
            unwarned.incrementAndGet();
            return;
        }
        long alsoFailed = unwarned.getAndSet(0);
        LOG.warnf("Redis unavailable (%s); idempotency served by the database alone%s", cause.toString(),
                alsoFailed == 0 ? "" : " (" + alsoFailed + " more failures since the last warning)");
    }
}
