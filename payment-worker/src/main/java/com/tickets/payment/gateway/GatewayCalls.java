package com.tickets.payment.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The gateway behind a timeout and a circuit breaker (SmallRye Fault Tolerance): a slow call is
 * abandoned (and later retried with the same key), and a gateway that keeps failing is left alone
 * for a while instead of being hammered. Both surface as exceptions that the consumer treats as
 * transient: a charge goes to the retry topics, a refund stays owed and is retried later.
 * Every call is timed ({@code payment.gateway.latency}).
 */
@ApplicationScoped
public class GatewayCalls {

    private final PaymentGateway gateway;
    private final Timer latency;

    GatewayCalls(PaymentGateway gateway, MeterRegistry registry) {
        this.gateway = gateway;
        this.latency = Timer.builder("payment.gateway.latency").description("Payment gateway call time")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public GatewayResult charge(String key, UUID bookingId, BigDecimal amount, String currency) {
        return latency.record(() -> gateway.charge(key, bookingId, amount, currency));
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public GatewayResult refund(String key, UUID bookingId, BigDecimal amount, String currency) {
        return latency.record(() -> gateway.refund(key, bookingId, amount, currency));
    }
}
