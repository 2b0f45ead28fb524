package com.tickets.events;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Payload of {@code payment.events} (PaymentSucceeded, PaymentFailed, RefundSucceeded).
 * {@code paymentId} is the gateway's reference; {@code reason} is set for failures.
 */
public record PaymentData(UUID bookingId, String paymentId, BigDecimal amount, String currency, String reason) {
}
