package com.tickets.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code payment.events} (PaymentSucceeded, PaymentFailed, PaymentDelayed, RefundSucceeded).
 * {@code paymentId} is the gateway's reference; {@code reason} is set for failures and delays.
 * {@code chargeAttempted} is {@code false} on a {@code PaymentFailed} for which the gateway was never
 * asked (the booking's hold had ended before the charge could start), so there is nothing to refund;
 * it is absent (null) otherwise, and a {@code PaymentFailed} without a {@code paymentId} then means
 * the gateway's answer is unknown. {@code answerBy} is set on a {@code PaymentDelayed} only: the latest
 * moment by which the charge's final outcome ({@code PaymentSucceeded} or {@code PaymentFailed}) is published.
 */
public record PaymentData(UUID bookingId, String paymentId, BigDecimal amount, String currency, String reason,
                          Boolean chargeAttempted, Instant answerBy) {

    public PaymentData(UUID bookingId, String paymentId, BigDecimal amount, String currency, String reason) {
        this(bookingId, paymentId, amount, currency, reason, null, null);
    }

    /** A {@code PaymentFailed} for a charge that was never sent to the gateway. */
    public static PaymentData notAttempted(UUID bookingId, BigDecimal amount, String currency, String reason) {
        return new PaymentData(bookingId, null, amount, currency, reason, false, null);
    }

    /** A {@code PaymentDelayed}: no answer yet, for {@code reason}; the final outcome follows by {@code answerBy}. */
    public static PaymentData delayed(UUID bookingId, BigDecimal amount, String currency, String reason, Instant answerBy) {
        return new PaymentData(bookingId, null, amount, currency, reason, null, answerBy);
    }
}
