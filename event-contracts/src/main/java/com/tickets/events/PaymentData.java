package com.tickets.events;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Payload of {@code payment.events} (PaymentSucceeded, PaymentFailed, RefundSucceeded).
 * {@code paymentId} is the gateway's reference; {@code reason} is set for failures.
 * {@code chargeAttempted} is {@code false} on a {@code PaymentFailed} for which the gateway was never
 * asked (the booking's hold had ended before the charge could start), so there is nothing to refund;
 * it is absent (null) otherwise, and a {@code PaymentFailed} without a {@code paymentId} then means
 * the gateway's answer is unknown.
 */
public record PaymentData(UUID bookingId, String paymentId, BigDecimal amount, String currency, String reason,
                          Boolean chargeAttempted) {

    public PaymentData(UUID bookingId, String paymentId, BigDecimal amount, String currency, String reason) {
        this(bookingId, paymentId, amount, currency, reason, null);
    }

    /** A {@code PaymentFailed} for a charge that was never sent to the gateway. */
    public static PaymentData notAttempted(UUID bookingId, BigDecimal amount, String currency, String reason) {
        return new PaymentData(bookingId, null, amount, currency, reason, false);
    }
}
