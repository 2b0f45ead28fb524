package com.tickets.api.booking;

import com.tickets.api.idempotency.RequestFingerprint;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;

/** A validated booking request with its resolved idempotency key. E-mails are kept lower-case. */
public record BookingCommand(String idempotencyKey, UUID ticketTierId, String userEmail, int quantity,
                             BigDecimal totalPrice, String currency) {

    public static BookingCommand of(String key, BookingRequest r) {
        return new BookingCommand(key, r.ticketTierId(), r.userEmail().trim().toLowerCase(Locale.ROOT), r.quantity(),
                r.totalPrice(), r.currency());
    }

    public String fingerprint() {
        return RequestFingerprint.of(ticketTierId, userEmail, quantity, totalPrice, currency);
    }
}
