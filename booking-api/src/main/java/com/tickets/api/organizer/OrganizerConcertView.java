package com.tickets.api.organizer;

import com.tickets.api.concert.ConcertStatus;
import com.tickets.api.organizer.OrganizerSql.ConcertRow;
import com.tickets.api.organizer.OrganizerSql.TierRow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A concert as its organizer sees it: the public shape ({@code ConcertView}) plus its {@code status}, and per
 * tier what is sold (confirmed), held (pending payment) and still available.
 */
public record OrganizerConcertView(UUID id, String name, String description, String location, Instant date,
                                   String timeZone, Instant salesOpenAt, Instant salesCloseAt, ConcertStatus status,
                                   Instant createdAt, Instant updatedAt, List<TierView> ticketTiers) {

    /** {@code offeredQuantity}: held for waitlist offers; {@code waitlisted}: entries waiting (docs/waitlist.md). */
    public record TierView(UUID id, UUID concertId, String name, BigDecimal price, String currency, int totalQuantity,
                           int availableQuantity, int soldQuantity, int heldQuantity, int offeredQuantity, int waitlisted,
                           Instant createdAt) {
        static TierView of(TierRow t) {
            return new TierView(t.id(), t.concertId(), t.name(), t.price(), t.currency(), t.totalQuantity(),
                    t.availableQuantity(), t.soldQuantity(), t.heldQuantity(), t.offeredQuantity(), t.waitlisted(),
                    t.createdAt());
        }
    }

    static OrganizerConcertView of(ConcertRow c, List<TierRow> tiers) {
        return new OrganizerConcertView(c.id(), c.name(), c.description(), c.location(), c.date(), c.timeZone(),
                c.salesOpenAt(), c.salesCloseAt(), c.status(), c.createdAt(), c.updatedAt(),
                tiers.stream().map(TierView::of).toList());
    }

    public record OneResponse(OrganizerConcertView concert) {
    }

    public record ListResponse(List<OrganizerConcertView> concerts) {
    }

    public record TierResponse(TierView ticketTier) {
    }
}
