package com.tickets.api.ratelimit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets shared by every replica, in Redis: one hash per bucket ({@code tokens}, {@code at}),
 * read, refilled and taken from by one Lua script, which Redis runs atomically, so concurrent
 * requests on any number of replicas never take the same token twice. The clock is Redis's own
 * ({@code TIME}), so replicas with skewed clocks still agree. An idle bucket expires once it would
 * have refilled completely.
 *
 * <p>Why a script of our own and not a library: Bucket4j's distributed buckets need a Redis client of
 * their own (Lettuce, Jedis or Redisson), i.e. a second connection pool and a second set of timeouts
 * beside the Quarkus client this module already uses and guards; the Quarkiverse Bucket4j extension
 * keeps its buckets in each JVM's memory (Caffeine), which does not hold a limit across replicas;
 * Resilience4j's RateLimiter is per JVM too. The script is the whole algorithm in 15 lines.
 *
 * <p>Redis is an optimisation here as it is for idempotency: when it is slow or down, the circuit
 * opens and the buckets of this replica's memory take over ({@link LocalTokenBuckets}), with a
 * warning at most once a minute.
 */
@ApplicationScoped
public class RedisTokenBuckets {

    private static final Logger LOG = Logger.getLogger(RedisTokenBuckets.class);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    /** KEYS[1] the bucket; ARGV capacity, refill per second. Returns 0 (token taken) or the ms until a token is there. */
    static final String TAKE = """
            local capacity = tonumber(ARGV[1])
            local perMs = tonumber(ARGV[2]) / 1000
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or capacity
            local at = tonumber(state[2]) or now
            if now > at then
              tokens = math.min(capacity, tokens + (now - at) * perMs)
              at = now
            end
            local wait = 0
            if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / perMs) end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
            redis.call('PEXPIRE', KEYS[1], math.ceil(capacity / perMs) + 1000)
            return wait
            """;

    private final ReactiveRedisDataSource redis;
    private final LocalTokenBuckets local;
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private final AtomicLong fallbacksSinceWarning = new AtomicLong();

    RedisTokenBuckets(ReactiveRedisDataSource redis, LocalTokenBuckets local) {
        this.redis = redis;
        this.local = local;
    }

    /**
     * Loads the script at start, so the first booking does not pay for the connection and the script's
     * compilation (and does not time out into the in-memory buckets on a busy machine). Best effort:
     * Redis may well be down at start.
     */
    void warmUp(@Observes StartupEvent started) {
        try {
            redis.execute("SCRIPT", "LOAD", TAKE).await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.debugf("Redis not reachable at start (%s); rate limits will use memory until it is", e.toString());
        }
    }

    /**
     * Takes a token; the answer is 0 if one was there, else the milliseconds until one will be. No
     * thread waits for Redis: the guards apply to the answer ({@code @AsynchronousNonBlocking}).
     */
    @AsynchronousNonBlocking
    @Timeout(500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 5000)
    @Fallback(fallbackMethod = "takeInMemory")
    public Uni<Long> take(String key, RateLimitConfig.Limit limit) {
        return redis.execute("EVAL", TAKE, "1", key, Integer.toString(limit.capacity()),
                Double.toString(limit.refillPerSecond())).map(Response::toLong);
    }

    Uni<Long> takeInMemory(String key, RateLimitConfig.Limit limit, Throwable cause) {
        warnNowAndThen(cause);
        return Uni.createFrom().item(local.take(key, limit));
    }

    /** One line a minute, not one per request: a Redis outage during a sale must not flood the log. */
    private void warnNowAndThen(Throwable cause) {
        long fallbacks = fallbacksSinceWarning.incrementAndGet();
        long now = System.nanoTime();
        long due = nextWarning.get();
        if (now - due >= 0 && nextWarning.compareAndSet(due, now + WARN_EVERY_NANOS)) {
            fallbacksSinceWarning.set(0);
            String why = cause instanceof CircuitBreakerOpenException ? "circuit open" : cause.toString();
            LOG.warnf("Redis unavailable (%s); rate limits kept in this replica's memory (%d requests since the last warning)",
                    why, fallbacks);
        }
    }
}
