package com.tickets.api.organizer;

import com.tickets.api.concert.ConcertStatus;
import com.tickets.api.concert.Inventory;
import com.tickets.api.concert.TierTerms;
import com.tickets.api.organizer.OrganizerSql.ConcertRow;
import com.tickets.api.organizer.OrganizerSql.LiveBooking;
import com.tickets.api.organizer.OrganizerSql.TierRow;
import com.tickets.api.outbox.Outbox;
import com.tickets.api.waitlist.WaitlistClosing;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.events.AvailabilityData;
import com.tickets.events.BookingData;
import com.tickets.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The organizer cancels a concert: it stops selling, and every booking not over yet is cancelled, its tickets
 * back, and every paid one refunded, through the same events as a buyer's cancel ({@code BookingCancelled},
 * {@code RefundRequested}: the payment-worker refunds, the notification-worker mails the buyer), but without
 * the buyer's cancellation cutoff (the show is off whenever the organizer says so). All of it is ONE
 * transaction with a fixed number of statements, whatever the number of bookings. Cancelling again changes
 * nothing: the bookings are cancelled already, and {@code refund_requested_at} makes each refund happen once
 * whatever else asks for it (a late payment of a held booking is refunded by the payment outcome's own rule).
 *
 * <p>No booking escapes: the concert is locked, then its live bookings (id order), then its tiers (id order),
 * then the bookings committed by a batch that held a tier's lock just before, once more. A booking batch that
 * waited for a tier's lock reads the concert as cancelled after it ({@code Inventory.lockForBatch}).
 */
@ApplicationScoped
class ConcertCancellation {

    static final String REASON = "the concert was cancelled by its organizer";

    private final OrganizerTransactions transactions;
    private final OrganizerSql sql;
    private final OrganizerAudit audit;
    private final Outbox outbox;
    private final Inventory inventory;
    private final TierTerms terms;
    private final WaitlistClosing waitlists;

    ConcertCancellation(OrganizerTransactions transactions, OrganizerSql sql, OrganizerAudit audit, Outbox outbox,
                        Inventory inventory, TierTerms terms, WaitlistClosing waitlists) {
        this.waitlists = waitlists;
        this.transactions = transactions;
        this.sql = sql;
        this.audit = audit;
        this.outbox = outbox;
        this.inventory = inventory;
        this.terms = terms;
    }

    /** What the cancel did, as the audit row records it. */
    record Cancelled(ConcertRow concert, int bookingsCancelled, int refundsRequested) {
    }

    OrganizerConcertView cancel(String organizer, UUID id) {
        OrganizerConcertView view = transactions.run(c -> {
            ConcertRow before = sql.lockConcert(c, id, organizer).orElseThrow(() -> new NotFoundProblem("concert", id));
            if (before.status() == ConcertStatus.CANCELLED) {
                return OrganizerConcertView.of(before, sql.tiersOf(c, id)); // cancelled before: nothing more to do
            }
            List<UUID> tierIds = sql.tiersOf(c, id).stream().map(TierRow::id).toList();
            List<LiveBooking> bookings = new ArrayList<>(sql.lockLiveBookings(c, tierIds, List.of()));
            sql.lockTiersOf(c, id);
            bookings.addAll(sql.lockLiveBookings(c, tierIds, bookings.stream().map(LiveBooking::id).toList()));

            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<Outbox.Entry> events = new ArrayList<>();
            int refunds = 0;
            if (!bookings.isEmpty()) {
                sql.cancelBookings(c, bookings.stream().map(LiveBooking::id).toList(), now);
                Map<UUID, Integer> left = inventory.giveBackForBatch(c, bookings.stream()
                                .map(b -> new Inventory.GiveBack(b.tierId(), b.id(), b.quantity())).toList(),
                        Inventory.Reason.CANCELLED, organizer);
                for (LiveBooking b : bookings) {
                    events.add(bookingEvent(EventTypes.BOOKING_CANCELLED, before, b, now));
                    if ("CONFIRMED".equals(b.status()) && !b.refundRequested()) {
                        events.add(bookingEvent(EventTypes.REFUND_REQUESTED, before, b, now));
                        refunds++;
                    }
                }
                left.forEach((tier, available) -> events.add(new Outbox.Entry(EventTypes.AGGREGATE_TICKET_TIER,
                        tier.toString(), EventTypes.AVAILABILITY_CHANGED, null, new AvailabilityData(id, tier, available), now)));
            }
            ConcertRow after = before.with(ConcertStatus.CANCELLED, now);
            sql.updateConcert(c, after);
            waitlists.closeConcert(c, id, now);
            List<TierRow> tiers = sql.tiersOf(c, id);
            if (before.status() == ConcertStatus.PUBLISHED) {
                events.add(CatalogEvents.concert(EventTypes.CONCERT_CANCELLED, after, tiers, now));
            }
            audit.record(c, organizer, "CONCERT_CANCELLED", OrganizerAudit.CONCERT, id, before,
                    new Cancelled(after, bookings.size(), refunds), now);
            outbox.appendAll(events);
            return OrganizerConcertView.of(after, tiers);
        });
        terms.forget(view.ticketTiers().stream().map(OrganizerConcertView.TierView::id).toList());
        return view;
    }

    private static Outbox.Entry bookingEvent(String type, ConcertRow concert, LiveBooking b, Instant at) {
        BookingData data = new BookingData(b.id(), concert.id(), concert.name(), concert.date(), concert.location(),
                concert.timeZone(), b.tierId(), b.tierName(), b.userEmail(), b.quantity(), b.unitPrice(), b.totalPrice(),
                b.currency(), "CANCELLED", b.createdAt(), b.holdExpiresAt(), REASON, concert.organizer());
        return new Outbox.Entry(EventTypes.AGGREGATE_BOOKING, b.id().toString(), type, b.idempotencyKey(), data, at);
    }
}
