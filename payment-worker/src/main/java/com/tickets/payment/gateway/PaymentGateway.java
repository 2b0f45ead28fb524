package com.tickets.payment.gateway;

import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A payment provider. Every call carries an idempotency key: calling again with the same key
 * (after a timeout, a crash, a replayed event) returns the first call's result and never moves
 * money twice. Transient trouble fails the {@code Uni} with {@link GatewayUnavailableException};
 * a decision (approved or declined) is its item.
 *
 * <p>Asynchronous: a call holds no thread while the provider thinks, so a worker can have
 * thousands in flight (a real provider would be a reactive REST client). Lazy like any
 * {@code Uni}: nothing is sent before it is subscribed to, and each subscription is one call.
 */
public interface PaymentGateway {

    Uni<GatewayResult> charge(String idempotencyKey, UUID bookingId, BigDecimal amount, String currency);

    Uni<GatewayResult> refund(String idempotencyKey, UUID bookingId, BigDecimal amount, String currency);
}
