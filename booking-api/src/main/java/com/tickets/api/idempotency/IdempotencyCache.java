package com.tickets.api.idempotency;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
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

/**
 * Redis fast path for replays: the answer to a finished booking request, kept 24 h, so a retry is
 * answered without touching the database. Only an optimisation: the bookings table's unique key
 * decides. When Redis is slow or down, the circuit opens and every call falls back to "not
 * remembered" (the database answers), with a warning in the log.
 */
@ApplicationScoped
public class IdempotencyCache {

    private static final Logger LOG = Logger.getLogger(IdempotencyCache.class);
    private static final char SEPARATOR = '\n';

    /** What Redis remembers of a key: the request fingerprint, the booking and the exact response body. */
    public record Remembered(String fingerprint, UUID bookingId, String body) {
    }

    private final ValueCommands<String, String> values;
    private final String prefix;
    private final Duration ttl;

    IdempotencyCache(RedisDataSource redis,
                     @ConfigProperty(name = "booking.idempotency.redis-prefix") String prefix,
                     @ConfigProperty(name = "booking.idempotency.redis-ttl") Duration ttl) {
        this.values = redis.value(String.class);
        this.prefix = prefix;
        this.ttl = ttl;
    }

    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000)
    @Fallback(fallbackMethod = "nothingRemembered")
    public Optional<Remembered> find(String key) {
        String stored = values.get(prefix + key);
        if (stored == null) {
            return Optional.empty();
        }
        String[] parts = stored.split(String.valueOf(SEPARATOR), 3);
        return Optional.of(new Remembered(parts[0], UUID.fromString(parts[1]), parts[2]));
    }

    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000)
    @Fallback(fallbackMethod = "notRemembered")
    public void remember(String key, Remembered answer) {
        values.setex(prefix + key, ttl.toSeconds(), answer.fingerprint() + SEPARATOR + answer.bookingId() + SEPARATOR + answer.body());
    }

    Optional<Remembered> nothingRemembered(String key, Throwable cause) {
        warn(cause);
        return Optional.empty();
    }

    void notRemembered(String key, Remembered answer, Throwable cause) {
        warn(cause);
    }

    private static void warn(Throwable cause) {
        if (cause instanceof CircuitBreakerOpenException) {
            LOG.debug("Redis circuit open; idempotency served by the database alone");
        } else {
            LOG.warnf("Redis unavailable (%s); idempotency served by the database alone", cause.toString());
        }
    }
}
