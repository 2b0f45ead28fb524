package com.tickets.analytics.projection;

import com.tickets.events.EventEnvelope;
import com.tickets.observability.LatencyHistograms;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code analytics_events_total{type, outcome}} — events read, by type and by what happened
 * (applied, duplicate, ignored, invalid); {@code analytics_projection_lag_seconds} — how long after
 * it occurred an event reached the projection (the freshness of the dashboard);
 * {@code analytics_batch_size} — how many events each transaction applied. The last two are histograms
 * ({@code _bucket} series), which add up across replicas.
 */
@ApplicationScoped
public class ProjectionMetrics {

    private final MeterRegistry registry;
    private final Timer lag;
    private final DistributionSummary batchSize;

    ProjectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        // histograms: their buckets add up across replicas (percentiles computed per replica do not); 5 minutes
        // is the AnalyticsProjectionLagging alert's threshold
        this.lag = Timer.builder("analytics.projection.lag")
                .description("time from an event's occurredAt to its application to the projection")
                .serviceLevelObjectives(LatencyHistograms.durations(100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000,
                        300_000, 900_000))
                .register(registry);
        this.batchSize = DistributionSummary.builder("analytics.batch.size")
                .description("events applied per transaction")
                .serviceLevelObjectives(1, 2, 5, 10, 25, 50, 100, 250, 500)
                .register(registry);
    }

    public void batch(int events) {
        batchSize.record(events);
    }

    public void applied(EventEnvelope event, BookingFacts.Outcome outcome) {
        count(event.type(), outcome.name().toLowerCase());
        if (outcome == BookingFacts.Outcome.APPLIED && event.occurredAt() != null) {
            lag.record(Duration.between(event.occurredAt(), Instant.now()).abs());
        }
    }

    public void invalid(String type) {
        count(type == null ? "unknown" : type, "invalid");
    }

    private void count(String type, String outcome) {
        registry.counter("analytics.events", "type", type, "outcome", outcome).increment();
    }
}
