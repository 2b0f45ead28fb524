package com.tickets.api.health;

import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;

/** Answers "up" or "degraded": Redis only speeds up idempotency, so it is never "down" for us. */
@ApplicationScoped
public class RedisProbe {

    private final RedisDataSource redis;

    RedisProbe(RedisDataSource redis) {
        this.redis = redis;
    }

    public String state() {
        try {
            redis.execute("PING");
            return "up";
        } catch (RuntimeException e) {
            return "degraded";
        }
    }
}
