package com.tickets.api.booking;

public enum BookingStatus {
    /** Tickets held (already taken from the tier) until payment or {@code holdExpiresAt}. */
    PENDING,
    CONFIRMED,
    CANCELLED,
    EXPIRED
}
