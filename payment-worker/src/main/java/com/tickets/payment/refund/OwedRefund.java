package com.tickets.payment.refund;

import com.tickets.events.EventEnvelope;

/** A refund claimed for payment: the {@code RefundRequested} event and the number of this attempt (1 = first). */
public record OwedRefund(EventEnvelope event, int attempt) {
}
