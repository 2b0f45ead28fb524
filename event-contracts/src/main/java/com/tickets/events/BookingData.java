package com.tickets.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Payload of every {@code booking.events} event (BookingCreated, BookingConfirmed, BookingCancelled,
 * BookingExpired, RefundRequested): the booking as it is after the change, with the names
 * consumers need for emails and dashboards so that none has to call the booking API back.
 *
 * <ul>
 *   <li>{@code location}, {@code timeZone}: the venue and its IANA zone, so a mail shows the show's date on the
 *       venue's clocks; null in events written before they were added (a consumer shows such a date in UTC);</li>
 *   <li>{@code reason}: why a booking was cancelled or a refund requested; null otherwise;</li>
 *   <li>{@code organizer}: who runs the concert (the principal name its organizer signs in with), so a
 *       dashboard shows each organizer their own sales only; absent in events written before it existed.</li>
 * </ul>
 */
public record BookingData(UUID bookingId, UUID concertId, String concertName, Instant concertDate, String location,
                          String timeZone, UUID ticketTierId, String tierName, String userEmail, int quantity,
                          BigDecimal unitPrice, BigDecimal totalPrice, String currency, String status,
                          Instant createdAt, Instant holdExpiresAt, String reason, String organizer) {
}
