package com.tickets.api.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * How far the relay is behind: the age of the oldest unpublished outbox row and how many wait.
 * Exposed as {@code outbox_relay_lag_seconds} and in readiness. Readiness stays UP while Kafka is
 * away: bookings keep succeeding into the outbox, which is the point of having one.
 */
@Readiness
@ApplicationScoped
public class OutboxLag implements HealthCheck {

    private final AgroalDataSource db;

    OutboxLag(AgroalDataSource db, MeterRegistry registry) {
        this.db = db;
        Gauge.builder("outbox.relay.lag.seconds", this, lag -> lag.read().seconds())
                .description("Age of the oldest unpublished outbox row").register(registry);
        Gauge.builder("outbox.relay.pending", this, lag -> lag.read().pending())
                .description("Unpublished outbox rows").register(registry);
    }

    public record Lag(double seconds, long pending) {
    }

    public Lag read() {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select coalesce(extract(epoch from now() - min(created_at)), 0), count(*)
                     from outbox where published_at is null""")) {
            rs.next();
            return new Lag(rs.getDouble(1), rs.getLong(2));
        } catch (Exception e) {
            return new Lag(Double.NaN, -1);
        }
    }

    @Override
    public HealthCheckResponse call() {
        Lag lag = read();
        return HealthCheckResponse.named("outbox-relay").up()
                .withData("lagSeconds", Math.round(lag.seconds() * 1000) / 1000.0 + "")
                .withData("pendingRows", lag.pending()).build();
    }
}
