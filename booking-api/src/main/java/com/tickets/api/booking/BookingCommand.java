package com.tickets.api.booking;

import com.tickets.api.access.EmailAddresses;
import com.tickets.api.idempotency.RequestFingerprint;

import java.math.BigDecimal;
import java.util.UUID;

/** A validated booking request with its resolved idempotency key; the e-mail normalized ({@link EmailAddresses}). */
public record BookingCommand(String idempotencyKey, UUID ticketTierId, String userEmail, int quantity,
                             BigDecimal totalPrice, String currency) {

    public static BookingCommand of(String key, BookingRequest r) {
        return new BookingCommand(key, r.ticketTierId(), EmailAddresses.normalize(r.userEmail()).orElseThrow(), r.quantity(),
                r.totalPrice(), r.currency());
    }

    public String fingerprint() {
        return RequestFingerprint.of(ticketTierId, userEmail, quantity, totalPrice, currency);
    }
}
