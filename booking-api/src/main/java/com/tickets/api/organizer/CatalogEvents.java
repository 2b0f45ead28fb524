package com.tickets.api.organizer;

import com.tickets.api.organizer.OrganizerSql.ConcertRow;
import com.tickets.api.organizer.OrganizerSql.TierRow;
import com.tickets.api.outbox.Outbox;
import com.tickets.events.AvailabilityData;
import com.tickets.events.ConcertData;
import com.tickets.events.EventTypes;
import com.tickets.events.TierData;

import java.time.Instant;
import java.util.List;

/**
 * The outbox rows of {@code catalog.events}, keyed by concert id so that one concert's events (its tiers'
 * included) keep their order. Only what the public can see is on the topic: a draft writes nothing; publishing
 * writes the whole concert, later changes the concert or tier as it is after them.
 */
final class CatalogEvents {

    private CatalogEvents() {
    }

    static Outbox.Entry concert(String type, ConcertRow c, List<TierRow> tiers, Instant at) {
        ConcertData data = new ConcertData(c.id(), c.organizer(), c.name(), c.description(), c.location(), c.timeZone(),
                c.date(), c.salesOpenAt(), c.salesCloseAt(), c.status().name(), tiers.stream().map(CatalogEvents::data).toList());
        return new Outbox.Entry(EventTypes.AGGREGATE_CONCERT, c.id().toString(), type, null, data, at);
    }

    static Outbox.Entry tier(String type, TierRow t, Instant at) {
        return new Outbox.Entry(EventTypes.AGGREGATE_CONCERT, t.concertId().toString(), type, null, data(t), at);
    }

    /** Live availability of a tier whose total changed (or that was just added), as the booking path writes it. */
    static Outbox.Entry availability(TierRow t, int available, Instant at) {
        return new Outbox.Entry(EventTypes.AGGREGATE_TICKET_TIER, t.id().toString(), EventTypes.AVAILABILITY_CHANGED, null,
                new AvailabilityData(t.concertId(), t.id(), available), at);
    }

    private static TierData data(TierRow t) {
        return new TierData(t.concertId(), t.id(), t.name(), t.price(), t.currency(), t.totalQuantity());
    }
}
