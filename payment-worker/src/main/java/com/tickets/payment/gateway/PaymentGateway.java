package com.tickets.payment.gateway;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A payment provider. Every call carries an idempotency key: calling again with the same key
 * (after a timeout, a crash, a replayed event) returns the first call's result and never moves
 * money twice. Transient trouble is thrown as {@link GatewayUnavailableException}; a decision
 * (approved or declined) is returned.
 */
public interface PaymentGateway {

    GatewayResult charge(String idempotencyKey, UUID bookingId, BigDecimal amount, String currency);

    GatewayResult refund(String idempotencyKey, UUID bookingId, BigDecimal amount, String currency);
}
