package com.tickets.payment.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.math.BigDecimal;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The gateway behind a timeout and a circuit breaker (SmallRye Fault Tolerance): a slow call is
 * abandoned (and later retried with the same key), and a gateway that keeps failing is left alone
 * for a while instead of being hammered. Both surface as exceptions that the consumer treats as
 * transient, sending the event to the retry topics.
 *
 * <p>A refund is also retried in place, for up to 30 s, before it goes that way: it has no
 * give-up path (a charge that fails for good cancels the booking; a refund that fails for good
 * only lands in the DLQ), and 30 s outlasts the breaker's 10 s open state, so a burst of gateway
 * failures no longer uses up a refund's retry topics. It stays well inside the connector's 60 s
 * limit for an unacknowledged record.
 */
@ApplicationScoped
public class GatewayCalls {

    private final PaymentGateway gateway;

    GatewayCalls(PaymentGateway gateway) {
        this.gateway = gateway;
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public GatewayResult charge(String key, UUID bookingId, BigDecimal amount, String currency) {
        return gateway.charge(key, bookingId, amount, currency);
    }

    @Retry(maxRetries = 10, delay = 500, jitter = 200, maxDuration = 30, durationUnit = ChronoUnit.SECONDS)
    @ExponentialBackoff(maxDelay = 8, maxDelayUnit = ChronoUnit.SECONDS)
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public GatewayResult refund(String key, UUID bookingId, BigDecimal amount, String currency) {
        return gateway.refund(key, bookingId, amount, currency);
    }
}
