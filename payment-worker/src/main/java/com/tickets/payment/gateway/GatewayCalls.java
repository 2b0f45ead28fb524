package com.tickets.payment.gateway;

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
 * transient, sending the event to the retry topics.
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

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    public GatewayResult refund(String key, UUID bookingId, BigDecimal amount, String currency) {
        return gateway.refund(key, bookingId, amount, currency);
    }
}
