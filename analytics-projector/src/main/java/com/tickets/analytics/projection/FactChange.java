package com.tickets.analytics.projection;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.PaymentData;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What one event says about its booking's fact row: a point of the fact lattice that is joined
 * with the stored row (higher status, earliest timestamps, first known details).
 *
 * @param details           the sale's show, tier, quantity and price; null for payment events
 * @param confirmedAt       set by BookingConfirmed: the moment the revenue is attributed to
 * @param refundRequestedAt set by RefundRequested: the sale is being given back
 * @param refundedAt        set by RefundSucceeded: the money went back
 */
public record FactChange(UUID bookingId, SaleDetails details, FactStatus status, Instant confirmedAt,
                         Instant refundRequestedAt, Instant refundedAt) {

    public FactChange {
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(status, "status");
    }

    /** The change an event makes, or empty when it does not touch the sales figures. */
    public static Optional<FactChange> of(EventEnvelope event) {
        return switch (event.type()) {
            case EventTypes.BOOKING_CREATED -> Optional.of(booking(event, FactStatus.PENDING, null, null));
            case EventTypes.BOOKING_CONFIRMED ->
                    Optional.of(booking(event, FactStatus.CONFIRMED, event.occurredAt(), null));
            case EventTypes.BOOKING_EXPIRED -> Optional.of(booking(event, FactStatus.EXPIRED, null, null));
            case EventTypes.BOOKING_CANCELLED -> Optional.of(booking(event, FactStatus.CANCELLED, null, null));
            // a refund is requested only for a cancelled booking or a payment that came too late;
            // either way the booking is not (or no longer) a sale
            case EventTypes.REFUND_REQUESTED -> Optional.of(booking(event, FactStatus.PENDING, null, event.occurredAt()));
            case EventTypes.REFUND_SUCCEEDED -> Optional.of(refund(event));
            // PaymentSucceeded / PaymentFailed: the booking API turns them into BookingConfirmed /
            // BookingCancelled, which carry the sale; counting them too would count twice
            default -> Optional.empty();
        };
    }

    private static FactChange booking(EventEnvelope event, FactStatus status, Instant confirmedAt,
                                      Instant refundRequestedAt) {
        BookingData b = data(event, BookingData.class);
        require(b.bookingId() != null && b.concertId() != null && b.ticketTierId() != null, event,
                "bookingId, concertId and ticketTierId are required");
        require(b.concertName() != null && b.tierName() != null && b.currency() != null, event,
                "concertName, tierName and currency are required");
        require(b.quantity() > 0, event, "quantity must be positive");
        require(b.totalPrice() != null && b.totalPrice().signum() >= 0
                && b.totalPrice().compareTo(new BigDecimal("9999999999.99")) <= 0, event, "totalPrice out of range");
        require(event.occurredAt() != null, event, "occurredAt is required");
        return new FactChange(b.bookingId(), SaleDetails.of(b), status, confirmedAt, refundRequestedAt, null);
    }

    private static FactChange refund(EventEnvelope event) {
        PaymentData p = data(event, PaymentData.class);
        require(p.bookingId() != null && event.occurredAt() != null, event, "bookingId and occurredAt are required");
        return new FactChange(p.bookingId(), null, FactStatus.PENDING, null, null, event.occurredAt());
    }

    /**
     * The join of two changes of one booking, by the rules the stored row is joined with: the first
     * known details, the higher status, the earliest of each timestamp. Associative, and commutative
     * as long as the two carry the same details (every event of one booking does), so a batch's
     * changes of one booking can be joined into one before they reach the row.
     */
    public FactChange merge(FactChange later) {
        if (!bookingId.equals(later.bookingId)) {
            throw new IllegalArgumentException("changes of two bookings cannot be merged: " + bookingId + ", "
                    + later.bookingId);
        }
        return new FactChange(bookingId, details != null ? details : later.details,
                later.status.rank() > status.rank() ? later.status : status,
                earliest(confirmedAt, later.confirmedAt), earliest(refundRequestedAt, later.refundRequestedAt),
                earliest(refundedAt, later.refundedAt));
    }

    /**
     * One change per booking (in the order the bookings first appear), each the merge of that booking's
     * changes in their order: PostgreSQL refuses an {@code insert ... on conflict do update} that touches
     * one row twice, so a batch's upsert needs one row per booking.
     */
    public static List<FactChange> foldByBooking(Collection<FactChange> changes) {
        Map<UUID, FactChange> byBooking = new LinkedHashMap<>();
        for (FactChange change : changes) {
            byBooking.merge(change.bookingId(), change, FactChange::merge);
        }
        return new ArrayList<>(byBooking.values());
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.isBefore(a) ? a : b;
    }

    private static <T> T data(EventEnvelope event, Class<T> type) {
        if (event.data() == null || event.data().isNull()) {
            throw new InvalidEventException(event.type(), event.type() + " " + event.id() + " has no data", null);
        }
        try {
            return EventJson.data(event, type);
        } catch (RuntimeException e) {
            throw new InvalidEventException(event.type(), event.type() + " " + event.id() + " has unreadable data", e);
        }
    }

    private static void require(boolean condition, EventEnvelope event, String message) {
        if (!condition) {
            throw new InvalidEventException(event.type(), event.type() + " " + event.id() + ": " + message, null);
        }
    }
}
