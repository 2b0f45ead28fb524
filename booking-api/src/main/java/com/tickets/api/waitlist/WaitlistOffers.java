package com.tickets.api.waitlist;

import com.tickets.api.outbox.Outbox;
import com.tickets.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Offers tickets that are not held by anybody to the tier's waitlist ({@link OfferRule}). Called by
 * {@code concert.Inventory}, the writer of a tier's quantities, whenever tickets come back, under the tier's
 * row lock and in the transaction that gave them back, so no public batch can take them in between; the
 * inventory then moves the offered quantity from the public availability to the offers' hold.
 */
@ApplicationScoped
public class WaitlistOffers {

    /** An entry offered {@code quantity} tickets. */
    public record Offered(UUID entryId, int quantity) {
    }

    private final WaitlistSql sql;
    private final Outbox outbox;
    private final WaitlistConfig config;
    private final WaitlistMetrics metrics;

    WaitlistOffers(WaitlistSql sql, Outbox outbox, WaitlistConfig config, WaitlistMetrics metrics) {
        this.sql = sql;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Makes this round's offers out of the {@code available} tickets of the tier (the caller holds its row
     * lock): marks the entries OFFERED and records a {@code WaitlistOfferMade} for each. Nothing is offered
     * when nobody waits, or outside the concert's sales.
     */
    public List<Offered> offer(Connection c, UUID tierId, int available) throws SQLException {
        if (available == 0) {
            return List.of();
        }
        List<WaitlistEntry> candidates = sql.waitingThatFit(c, tierId, available,
                Math.min(available, config.maxOffersPerRound()));
        if (candidates.isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Optional<TierInfo> tier = sql.tierInfo(c, tierId).filter(t -> t.onSale(now));
        if (tier.isEmpty()) {
            return List.of();
        }
        OfferRule.Round round = OfferRule.offer(available,
                candidates.stream().map(e -> new OfferRule.Waiting(e.id(), e.quantity())).toList());
        if (round.offered().isEmpty()) {
            return List.of();
        }
        Instant expiresAt = now.plus(config.offerWindow());
        sql.markOffered(c, round.offered().stream().map(OfferRule.Waiting::entryId).toList(), now, expiresAt);
        List<Outbox.Entry> events = new ArrayList<>();
        List<Offered> offered = new ArrayList<>();
        for (OfferRule.Waiting w : round.offered()) {
            WaitlistEntry entry = candidates.stream().filter(e -> e.id().equals(w.entryId())).findFirst().orElseThrow();
            events.add(WaitlistEvents.of(EventTypes.WAITLIST_OFFER_MADE, WaitlistEvents.offered(entry, now, expiresAt),
                    tier.get(), now));
            offered.add(new Offered(w.entryId(), w.quantity()));
        }
        outbox.appendAll(events);
        metrics.offersMade(offered.size());
        return offered;
    }
}
