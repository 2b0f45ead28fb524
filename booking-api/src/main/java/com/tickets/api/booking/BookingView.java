package com.tickets.api.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The public JSON shape of a booking (api.md). */
public record BookingView(UUID id, UUID ticketTierId, UUID concertId, String userEmail, int quantity,
                          BigDecimal totalPrice, String currency, BookingStatus status, String idempotencyKey,
                          Instant createdAt, Instant updatedAt, Instant holdExpiresAt) {

    public static BookingView of(Booking b) {
        return new BookingView(b.id, b.ticketTierId, b.concertId, b.userEmail, b.quantity, b.totalPrice, b.currency,
                b.status, b.idempotencyKey, b.createdAt, b.updatedAt, b.holdExpiresAt);
    }

    /**
     * The booking exactly as the first, successful request answered it. A replay returns this, like
     * a stored response, even if the booking has moved on since; GET shows the current state.
     */
    public static BookingView asCreated(Booking b) {
        return new BookingView(b.id, b.ticketTierId, b.concertId, b.userEmail, b.quantity, b.totalPrice, b.currency,
                BookingStatus.PENDING, b.idempotencyKey, b.createdAt, b.createdAt, b.holdExpiresAt);
    }

    public record OneResponse(BookingView booking) {
    }

    public record PageResponse(List<BookingView> bookings, int page, int size, long totalElements) {
    }
}
