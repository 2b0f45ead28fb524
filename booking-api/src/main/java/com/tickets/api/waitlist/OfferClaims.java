package com.tickets.api.waitlist;

import com.tickets.api.booking.BookingCommand;
import com.tickets.api.booking.BookingOutcome;
import com.tickets.api.booking.BookingService;
import com.tickets.api.booking.HeldTickets;
import com.tickets.api.concert.Inventory;
import com.tickets.api.concert.Inventory.LockedTier;
import com.tickets.api.outbox.Outbox;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Claiming an offer: a booking of the offer's tickets for the entry's e-mail, through the booking path (the
 * same price check, Idempotency-Key and payment), in one transaction with the end of the offer's hold.
 */
@ApplicationScoped
class OfferClaims {

    private final WaitlistTransactions transactions;
    private final WaitlistSql sql;
    private final BookingService bookings;
    private final Inventory inventory;
    private final Outbox outbox;
    private final WaitlistMetrics metrics;

    OfferClaims(WaitlistTransactions transactions, WaitlistSql sql, BookingService bookings, Inventory inventory,
                Outbox outbox, WaitlistMetrics metrics) {
        this.transactions = transactions;
        this.sql = sql;
        this.bookings = bookings;
        this.inventory = inventory;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** The offer of the entry, whatever its status. */
    WaitlistView.Offer offer(UUID entryId) {
        return transactions.run(c -> {
            WaitlistEntry entry = sql.find(c, entryId).orElseThrow(() -> new NotFoundProblem("waitlist offer", entryId));
            if (entry.offerExpiresAt() == null) {
                throw new NotFoundProblem("waitlist offer", entryId); // never offered: there is no offer to show
            }
            return WaitlistView.Offer.of(entry, sql.tierInfo(c, entry.tierId()).orElseThrow());
        });
    }

    BookingOutcome claim(UUID entryId, String key, OfferClaimRequest request) {
        WaitlistEntry entry = transactions.run(c -> sql.find(c, entryId))
                .filter(e -> e.offerExpiresAt() != null)
                .orElseThrow(() -> new NotFoundProblem("waitlist offer", entryId));
        BookingCommand command = new BookingCommand(key, entry.tierId(), entry.userEmail(), entry.quantity(),
                request.totalPrice(), request.currency());
        return bookings.bookHeld(command, new HeldOffer(entryId));
    }

    /** The offer's tickets, released to the claim's booking under the tier's row lock. */
    private final class HeldOffer implements HeldTickets {

        private final UUID entryId;
        private WaitlistEntry claimed;

        HeldOffer(UUID entryId) {
            this.entryId = entryId;
        }

        @Override
        public int release(Connection c, LockedTier tier) throws SQLException {
            WaitlistEntry entry = sql.lock(c, entryId).orElseThrow();
            switch (entry.status()) {
                case OFFERED -> {
                    if (!Instant.now().isBefore(entry.offerExpiresAt())) {
                        throw new OfferExpiredProblem(entry.offerExpiresAt()); // the sweeper passes it on
                    }
                    inventory.returnOffers(c, tier.id(), List.of(new Inventory.OfferReturn(entryId, entry.quantity())),
                            false);
                    claimed = entry;
                    return entry.quantity();
                }
                case CLAIMED -> throw new OfferClaimedProblem(entry.bookingId());
                case EXPIRED -> throw new OfferExpiredProblem(entry.offerExpiresAt());
                case LEFT, CLOSED -> throw new OfferWithdrawnProblem(entry.status());
                default -> throw new NotFoundProblem("waitlist offer", entryId);
            }
        }

        @Override
        public void booked(Connection c, UUID bookingId) throws SQLException {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            sql.end(c, List.of(entryId), WaitlistStatus.CLAIMED, bookingId, now);
            outbox.append(WaitlistEvents.of(EventTypes.WAITLIST_OFFER_CLAIMED, WaitlistEvents.claimed(claimed, bookingId),
                    sql.tierInfo(c, claimed.tierId()).orElseThrow(), now));
            metrics.claimed();
        }
    }
}
