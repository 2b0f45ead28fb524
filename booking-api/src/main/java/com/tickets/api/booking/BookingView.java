package com.tickets.api.booking;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The public JSON shape of a booking (api.md). {@code concertName}, {@code tierName} and
 * {@code concertDate} are in every read of a booking, and absent from the 201 of its creation,
 * whose bytes a replay repeats from the booking row alone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BookingView(UUID id, UUID ticketTierId, UUID concertId, String userEmail, int quantity,
                          BigDecimal totalPrice, String currency, BookingStatus status, String idempotencyKey,
                          Instant createdAt, Instant updatedAt, Instant holdExpiresAt,
                          String concertName, String tierName, Instant concertDate) {

    /** Names of the show and tier a booking is for, as read next to it. */
    public record Show(String concertName, String tierName, Instant concertDate) {
    }

    public static BookingView of(Booking b, Show show) {
        return new BookingView(b.id, b.ticketTierId, b.concertId, b.userEmail, b.quantity, b.totalPrice, b.currency,
                b.status, b.idempotencyKey, b.createdAt, b.updatedAt, b.holdExpiresAt,
                show.concertName(), show.tierName(), show.concertDate());
    }

    /**
     * The booking exactly as the first, successful request answered it. A replay returns this, like
     * a stored response, even if the booking has moved on since; GET shows the current state.
     */
    public static BookingView asCreated(Booking b) {
        return new BookingView(b.id, b.ticketTierId, b.concertId, b.userEmail, b.quantity, b.totalPrice, b.currency,
                BookingStatus.PENDING, b.idempotencyKey, b.createdAt, b.createdAt, b.holdExpiresAt, null, null, null);
    }

    public record OneResponse(BookingView booking) {
    }

    public record PageResponse(List<BookingView> bookings, int page, int size, long totalElements) {
    }
}
