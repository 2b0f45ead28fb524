package com.tickets.payment.gateway;

/** The gateway did not answer (timeout, outage): nothing is known, so retry with the same key. */
public class GatewayUnavailableException extends RuntimeException {
    public GatewayUnavailableException(String message) {
        super(message);
    }
}
