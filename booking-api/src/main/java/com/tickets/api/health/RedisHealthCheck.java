package com.tickets.api.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Losing Redis must not take the API out of the load balancer: the check stays UP and reports
 * {@code redis: degraded} (idempotency is then served by the database alone).
 */
@Readiness
@ApplicationScoped
public class RedisHealthCheck implements HealthCheck {

    private final RedisProbe redis;

    RedisHealthCheck(RedisProbe redis) {
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("redis").up().withData("redis", redis.state()).build();
    }
}
