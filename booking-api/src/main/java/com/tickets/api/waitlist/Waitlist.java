package com.tickets.api.waitlist;

import com.tickets.api.concert.Inventory;
import com.tickets.api.concert.Inventory.LockedTier;
import com.tickets.api.idempotency.IdempotencyKeyReusedProblem;
import com.tickets.api.idempotency.RequestFingerprint;
import com.tickets.api.outbox.Outbox;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.events.AvailabilityData;
import com.tickets.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Joining and leaving a tier's waitlist, and reading an entry. Every change runs under the tier's row lock (the
 * lock of its booking batches), so a join never misses tickets that come back while it is written, and an entry
 * never changes under an offer being made.
 */
@ApplicationScoped
class Waitlist {

    /** A join's answer: the entry, its position, and whether it replays an earlier join with the key. */
    record Joined(WaitlistEntry entry, TierInfo tier, int position, boolean replayed) {
    }

    /** An entry as read: with its tier, and its position while it waits. */
    record Read(WaitlistEntry entry, TierInfo tier, int position) {
    }

    private final WaitlistTransactions transactions;
    private final WaitlistSql sql;
    private final Inventory inventory;
    private final Outbox outbox;
    private final WaitlistMetrics metrics;

    Waitlist(WaitlistTransactions transactions, WaitlistSql sql, Inventory inventory, Outbox outbox,
             WaitlistMetrics metrics) {
        this.transactions = transactions;
        this.sql = sql;
        this.inventory = inventory;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /**
     * Joins the tier's waitlist. Refused while the public can still buy that many ({@code tickets-available}),
     * outside the concert's sales, and when the e-mail already has an active entry for the tier.
     */
    Joined join(String key, UUID tierId, String email, int quantity) {
        String fingerprint = RequestFingerprint.ofWaitlistJoin(tierId, email, quantity);
        Joined joined = transactions.run(c -> {
            LockedTier tier = inventory.lockForBatch(c, tierId).orElseThrow(() -> new NotFoundProblem("ticket tier", tierId));
            Optional<WaitlistEntry> earlier = sql.findByKey(c, key);
            if (earlier.isPresent()) {
                return replay(c, earlier.get(), fingerprint);
            }
            TierInfo info = sql.tierInfo(c, tierId).orElseThrow();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            info.offSale(now).ifPresent(problem -> {
                throw problem;
            });
            if (tier.available() >= quantity) {
                throw new TicketsAvailableProblem(tierId, tier.available());
            }
            if (sql.hasActiveEntry(c, tierId, email)) {
                throw new AlreadyWaitlistedProblem(tierId);
            }
            WaitlistEntry entry = sql.insert(c, UUID.randomUUID(), tierId, info.concertId(), email, quantity, key,
                    fingerprint, now);
            outbox.append(WaitlistEvents.of(EventTypes.WAITLIST_JOINED, entry, info, now));
            return new Joined(entry, info, sql.position(c, entry), false);
        });
        if (!joined.replayed()) {
            metrics.joined();
        }
        return joined;
    }

    private Joined replay(Connection c, WaitlistEntry earlier, String fingerprint) throws SQLException {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedProblem();
        }
        return new Joined(earlier, sql.tierInfo(c, earlier.tierId()).orElseThrow(), sql.position(c, earlier), true);
    }

    Optional<Read> read(UUID entryId) {
        return transactions.run(c -> {
            Optional<WaitlistEntry> entry = sql.find(c, entryId);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Read(entry.get(), sql.tierInfo(c, entry.get().tierId()).orElseThrow(),
                    sql.position(c, entry.get())));
        });
    }

    /**
     * Leaves the waitlist; an offer the entry held passes on at once. Idempotent: an entry that has left, or
     * ended otherwise, is answered as it is.
     */
    Optional<Read> leave(UUID entryId) {
        return transactions.run(c -> {
            Optional<WaitlistEntry> found = sql.find(c, entryId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            UUID tierId = found.get().tierId();
            inventory.lockForBatch(c, tierId);
            WaitlistEntry entry = sql.lock(c, entryId).orElseThrow();
            TierInfo tier = sql.tierInfo(c, tierId).orElseThrow();
            if (!entry.status().active()) {
                return Optional.of(new Read(entry, tier, 0));
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            sql.end(c, List.of(entryId), WaitlistStatus.LEFT, null, now);
            WaitlistEntry left = WaitlistEvents.with(entry, WaitlistStatus.LEFT);
            List<Outbox.Entry> events = new ArrayList<>();
            events.add(WaitlistEvents.of(EventTypes.WAITLIST_LEFT, left, tier, now));
            if (entry.status() == WaitlistStatus.OFFERED) {
                int available = inventory.returnOffers(c, tierId,
                        List.of(new Inventory.OfferReturn(entryId, entry.quantity())), true);
                events.add(availability(tier, available, now));
            }
            outbox.appendAll(events);
            metrics.left();
            return Optional.of(new Read(left, tier, 0));
        });
    }

    static Outbox.Entry availability(TierInfo tier, int available, Instant at) {
        return new Outbox.Entry(EventTypes.AGGREGATE_TICKET_TIER, tier.tierId().toString(), EventTypes.AVAILABILITY_CHANGED,
                null, new AvailabilityData(tier.concertId(), tier.tierId(), available), at);
    }
}
