package com.tickets.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Placeholder until the consumers land: the process is alive. Kafka and database checks come with them. */
@Liveness
@ApplicationScoped
public class AnalyticsLivenessCheck implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.up("analytics-projector");
    }
}
