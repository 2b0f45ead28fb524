package com.tickets.payment.refund;

import com.tickets.events.EventEnvelope;

/**
 * A refund claimed for payment: the {@code RefundRequested} event, the number of this attempt (1 = first),
 * and the trace of the request ({@code traceparent}, null when unknown).
 */
public record OwedRefund(EventEnvelope event, int attempt, String traceparent) {
}
