package com.tickets.api.organizer;

import com.tickets.api.concert.ConcertCancelledProblem;
import com.tickets.api.concert.ConcertStatus;
import com.tickets.api.concert.Inventory;
import com.tickets.api.concert.SoldOutTiers;
import com.tickets.api.concert.TierTerms;
import com.tickets.api.organizer.OrganizerSql.ConcertRow;
import com.tickets.api.organizer.OrganizerSql.TierRow;
import com.tickets.api.outbox.Outbox;
import com.tickets.api.problem.InvalidRequestProblem;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A tier's new price (for bookings from now on) and/or new total. The total moves availability by the same
 * amount in one conditional UPDATE under the tier's row lock ({@link OrganizerSql#setTotal}), the lock every
 * booking batch of the tier takes: concurrent bookings either committed before, and count as sold or held, or
 * decide after against the new availability. A total below what is sold and held is a 409 and changes nothing.
 * Like every availability change, it is audited in {@code inventory_audit} and, for a published concert, sent
 * as {@code AvailabilityChanged}; the tier's "sold out" mark and cached terms go once it commits.
 */
@ApplicationScoped
class TierChanges {

    private final OrganizerTransactions transactions;
    private final OrganizerSql sql;
    private final OrganizerAudit audit;
    private final Outbox outbox;
    private final TierTerms terms;
    private final SoldOutTiers soldOut;
    private final Inventory inventory;

    TierChanges(OrganizerTransactions transactions, OrganizerSql sql, OrganizerAudit audit, Outbox outbox, TierTerms terms,
                SoldOutTiers soldOut, Inventory inventory) {
        this.inventory = inventory;
        this.transactions = transactions;
        this.sql = sql;
        this.audit = audit;
        this.outbox = outbox;
        this.terms = terms;
        this.soldOut = soldOut;
    }

    OrganizerConcertView.TierView patch(String organizer, UUID tierId, TierPatch patch) {
        if (patch.price() == null && patch.totalQuantity() == null) {
            throw new InvalidRequestProblem("body", "must change price or totalQuantity");
        }
        TierRow after = transactions.run(c -> {
            ConcertRow concert = sql.shareConcertOfTier(c, tierId, organizer)
                    .orElseThrow(() -> new NotFoundProblem("ticket tier", tierId));
            if (concert.status() == ConcertStatus.CANCELLED) {
                throw new ConcertCancelledProblem(concert.id());
            }
            TierRow before = sql.lockTier(c, tierId).orElseThrow(() -> new NotFoundProblem("ticket tier", tierId));
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            List<com.tickets.api.outbox.Outbox.Entry> events = new ArrayList<>();
            boolean changed = false;
            Integer available = null;
            if (patch.totalQuantity() != null && patch.totalQuantity() != before.totalQuantity()) {
                Optional<Integer> left = sql.setTotal(c, tierId, patch.totalQuantity());
                if (left.isEmpty()) {
                    throw new CapacityBelowSoldProblem(tierId, patch.totalQuantity(),
                            before.totalQuantity() - before.availableQuantity());
                }
                sql.auditCapacity(c, tierId, patch.totalQuantity() - before.totalQuantity(), left.get(), organizer);
                // a raised total goes to the waitlist first, like any tickets that come back
                available = patch.totalQuantity() > before.totalQuantity()
                        ? inventory.offerToWaitlist(c, tierId, left.get()) : left.get();
                changed = true;
            }
            if (patch.price() != null && patch.price().compareTo(before.price()) != 0) {
                sql.setPrice(c, tierId, patch.price().setScale(2));
                changed = true;
            }
            if (!changed) {
                return before; // nothing to change, nothing to record
            }
            TierRow result = sql.lockTier(c, tierId).orElseThrow();
            audit.record(c, organizer, "TIER_CHANGED", OrganizerAudit.TIER, tierId, before, result, now);
            if (concert.status() == ConcertStatus.PUBLISHED) {
                events.add(CatalogEvents.tier(EventTypes.TIER_CHANGED, result, now));
                if (available != null) {
                    events.add(CatalogEvents.availability(result, available, now));
                }
                outbox.appendAll(events);
            }
            return result;
        });
        soldOut.ticketsReturned(tierId);
        terms.forget(List.of(tierId));
        return OrganizerConcertView.TierView.of(after);
    }
}
