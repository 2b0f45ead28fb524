package com.tickets.payment.gateway;

import com.tickets.observability.LatencyHistograms;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The gateway behind a timeout and a circuit breaker (SmallRye Fault Tolerance): a slow call is
 * abandoned (and later retried with the same key), and a gateway that keeps failing is left alone
 * for a while instead of being hammered. Both surface as failures that the consumer treats as
 * transient: a charge goes to the retry topics, a refund stays owed and is retried later.
 * Every call is timed ({@code payment.gateway.latency}, a histogram).
 *
 * <p>{@code @AsynchronousNonBlocking}: the guards apply to the {@code Uni}'s outcome, on the
 * caller's thread, and no thread waits for the answer; the timeout fails the call after 2 s
 * whether or not the provider ever answers. The breaker judges the last 200 calls: with up to
 * {@code payment.max-in-flight} calls at once, a window of 20 opened on a handful of slow answers in
 * an on-sale on a loaded machine (11 timeouts among 7,000 calls sent 1,856 charges to the retry
 * topics) while the gateway was fine.
 */
@ApplicationScoped
public class GatewayCalls {

    private final PaymentGateway gateway;
    private final Timer latency;

    GatewayCalls(PaymentGateway gateway, MeterRegistry registry) {
        this.gateway = gateway;
        // histogram buckets, which add up across replicas (percentiles computed per replica do not); the
        // calls time out at 2 s
        this.latency = Timer.builder("payment.gateway.latency").description("Payment gateway call time")
                .serviceLevelObjectives(LatencyHistograms.durations(10, 25, 50, 100, 250, 500, 1000, 2000, 5000))
                .register(registry);
    }

    @AsynchronousNonBlocking
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 200, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Uni<GatewayResult> charge(String key, UUID bookingId, BigDecimal amount, String currency) {
        return timed(gateway.charge(key, bookingId, amount, currency));
    }

    @AsynchronousNonBlocking
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 200, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public Uni<GatewayResult> refund(String key, UUID bookingId, BigDecimal amount, String currency) {
        return timed(gateway.refund(key, bookingId, amount, currency));
    }

    private Uni<GatewayResult> timed(Uni<GatewayResult> call) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start();
            return call.onTermination().invoke(() -> sample.stop(latency));
        });
    }
}
