package com.tickets.payment.gateway;

/** The gateway's decision: approved with its payment reference, or declined with a reason (final). */
public record GatewayResult(boolean approved, String paymentId, String reason) {
}
