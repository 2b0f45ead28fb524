package com.tickets.api.booking;

import java.util.UUID;

/**
 * The answer to a booking request: the booking id, and the response body as first sent, which a
 * replay repeats byte for byte.
 */
public record BookingOutcome(UUID bookingId, String body, boolean replayed) {
}
