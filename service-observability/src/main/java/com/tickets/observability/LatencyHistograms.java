package com.tickets.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Arrays;

/**
 * {@code http_server_requests_seconds} as a histogram ({@code _bucket} series with fixed bounds), so that
 * Prometheus can compute a percentile over every replica ({@code histogram_quantile} of the summed
 * buckets); percentiles computed by each replica cannot be combined. The bounds are fixed rather than
 * Micrometer's percentile histogram (some 70 buckets per series, and there is a series per route,
 * method and status): 5 ms to 10 s covers a booking's answer from the fast path to the 503 of a
 * batch that did not answer, and the 500 ms of the {@code BookingApiSlow} alert is one of them.
 */
@Singleton
public class LatencyHistograms {

    /** The upper bounds of the request latency buckets. */
    public static final Duration[] REQUEST_BOUNDS = durations(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter requestLatencyBuckets() {
        double[] nanos = Arrays.stream(REQUEST_BOUNDS).mapToDouble(Duration::toNanos).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }

    /** Durations from milliseconds. */
    public static Duration[] durations(long... millis) {
        return Arrays.stream(millis).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
    }
}
