package com.tickets.api.booking;

import com.tickets.api.concert.Concert;
import com.tickets.api.concert.Inventory;
import com.tickets.api.concert.TicketTier;
import com.tickets.api.outbox.Outbox;
import com.tickets.events.AvailabilityData;
import com.tickets.events.BookingData;
import com.tickets.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The buyer's cancellation and the hold's expiry, and the refund rule. Each change locks the booking
 * row and only moves it out of the states it may leave, so cancel, expiry, payment failure and a late
 * payment success can race freely: exactly one of them wins, and tickets go back to the tier exactly
 * once. Payment outcomes are applied in batches by {@code payment.OutcomeBatchWriter}, which locks the
 * same rows and decides with the same table ({@code payment.Finalization}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BookingTransitions {

    private final EntityManager em;
    private final Inventory inventory;
    private final Outbox outbox;
    private final CancellationConfig cancellation;

    BookingTransitions(EntityManager em, Inventory inventory, Outbox outbox, CancellationConfig cancellation) {
        this.em = em;
        this.inventory = inventory;
        this.outbox = outbox;
        this.cancellation = cancellation;
    }

    /**
     * The buyer cancels: held or paid tickets go back; a paid booking is refunded. Idempotent. Refused
     * ({@link CancellationClosedProblem}) from the cutoff before the show on; nothing changes then.
     */
    public Optional<Booking> cancel(UUID bookingId) {
        Booking b = lock(bookingId);
        if (b == null) {
            return Optional.empty();
        }
        if (b.status == BookingStatus.PENDING || b.status == BookingStatus.CONFIRMED) {
            Instant closesAt = em.find(Concert.class, b.concertId).date.minus(cancellation.cutoff());
            if (!Instant.now().isBefore(closesAt)) {
                throw new CancellationClosedProblem(closesAt);
            }
        }
        if (b.status == BookingStatus.PENDING) {
            endHold(b, BookingStatus.CANCELLED, EventTypes.BOOKING_CANCELLED, "cancelled by the buyer",
                    Inventory.Reason.CANCELLED, "buyer");
        } else if (b.status == BookingStatus.CONFIRMED) {
            endHold(b, BookingStatus.CANCELLED, EventTypes.BOOKING_CANCELLED, "cancelled by the buyer",
                    Inventory.Reason.CANCELLED, "buyer");
            requestRefundOnce(b, "cancelled by the buyer");
        }
        return Optional.of(b);
    }

    /**
     * The hold ran out before a payment result: the tickets go back. {@code endedBefore}: the latest
     * moment a hold may have ended to be expired (the sweeper's, grace and applied outcomes counted in).
     */
    public boolean expire(UUID bookingId, Instant endedBefore) {
        Booking b = lock(bookingId);
        if (b == null || b.status != BookingStatus.PENDING || !b.holdExpiresAt.isBefore(endedBefore)) {
            return false;
        }
        endHold(b, BookingStatus.EXPIRED, EventTypes.BOOKING_EXPIRED, "no payment result before the hold expired",
                Inventory.Reason.EXPIRED, "hold-sweeper");
        return true;
    }

    private Booking lock(UUID bookingId) {
        return em.find(Booking.class, bookingId, LockModeType.PESSIMISTIC_WRITE);
    }

    private void endHold(Booking b, BookingStatus to, String eventType, String reason, Inventory.Reason why,
                         String actor) {
        move(b, to, eventType, reason);
        int left = inventory.giveBack(b.ticketTierId, b.quantity, b.id, why, actor);
        outbox.append(new Outbox.Entry(EventTypes.AGGREGATE_TICKET_TIER, b.ticketTierId.toString(),
                EventTypes.AVAILABILITY_CHANGED, b.idempotencyKey, new AvailabilityData(b.concertId, b.ticketTierId, left),
                b.updatedAt));
    }

    private void move(Booking b, BookingStatus to, String eventType, String reason) {
        b.status = to;
        b.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        outbox.append(new Outbox.Entry(EventTypes.AGGREGATE_BOOKING, b.id.toString(), eventType, b.idempotencyKey,
                data(b, reason), b.updatedAt));
    }

    private void requestRefundOnce(Booking b, String reason) {
        if (b.refundRequestedAt != null) {
            return;
        }
        b.refundRequestedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        outbox.append(new Outbox.Entry(EventTypes.AGGREGATE_BOOKING, b.id.toString(), EventTypes.REFUND_REQUESTED,
                b.idempotencyKey, data(b, reason), b.refundRequestedAt));
    }

    private BookingData data(Booking b, String reason) {
        TicketTier tier = em.find(TicketTier.class, b.ticketTierId);
        Concert concert = tier.concert;
        return new BookingData(b.id, concert.id, concert.name, concert.date, concert.location, concert.timeZone, tier.id,
                tier.name, b.userEmail, b.quantity, tier.price, b.totalPrice, b.currency, b.status.name(), b.createdAt,
                b.holdExpiresAt, reason, concert.organizer);
    }
}
