package com.tickets.api.waitlist;

import com.tickets.api.concert.Inventory;
import com.tickets.api.outbox.Outbox;
import com.tickets.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A cancelled concert's waitlists close: every active entry ends CLOSED and the offers' holds are let go. */
@ApplicationScoped
public class WaitlistClosing {

    private final WaitlistSql sql;
    private final Inventory inventory;
    private final Outbox outbox;

    WaitlistClosing(WaitlistSql sql, Inventory inventory, Outbox outbox) {
        this.sql = sql;
        this.inventory = inventory;
        this.outbox = outbox;
    }

    /** In the cancel's transaction, which holds the concert's tier row locks; returns how many entries closed. */
    public int closeConcert(Connection c, UUID concertId, Instant now) throws SQLException {
        List<WaitlistEntry> active = sql.lockActiveOfConcert(c, concertId);
        if (active.isEmpty()) {
            return 0;
        }
        sql.end(c, active.stream().map(WaitlistEntry::id).toList(), WaitlistStatus.CLOSED, null, now);
        Map<UUID, List<Inventory.OfferReturn>> heldByTier = new LinkedHashMap<>();
        Map<UUID, TierInfo> tiers = new LinkedHashMap<>();
        List<Outbox.Entry> events = new ArrayList<>();
        for (WaitlistEntry e : active) {
            TierInfo tier = tiers.get(e.tierId());
            if (tier == null) {
                tier = sql.tierInfo(c, e.tierId()).orElseThrow();
                tiers.put(e.tierId(), tier);
            }
            events.add(WaitlistEvents.of(EventTypes.WAITLIST_LEFT, WaitlistEvents.with(e, WaitlistStatus.CLOSED), tier, now));
            if (e.status() == WaitlistStatus.OFFERED) {
                heldByTier.computeIfAbsent(e.tierId(), id -> new ArrayList<>())
                        .add(new Inventory.OfferReturn(e.id(), e.quantity()));
            }
        }
        for (var held : heldByTier.entrySet()) {
            inventory.returnOffers(c, held.getKey(), held.getValue(), false);
        }
        outbox.appendAll(events);
        return active.size();
    }
}
