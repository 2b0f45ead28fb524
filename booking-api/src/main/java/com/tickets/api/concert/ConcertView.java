package com.tickets.api.concert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The public JSON shape of a concert (api.md), with its time zone and sales window: {@code salesOpenAt}
 * null means sales are open since it was published, {@code salesCloseAt} null that they close when it starts.
 */
public record ConcertView(UUID id, String name, String description, String location, Instant date,
                          String timeZone, Instant salesOpenAt, Instant salesCloseAt,
                          Instant createdAt, Instant updatedAt, List<TierView> ticketTiers) {

    public record TierView(UUID id, UUID concertId, String name, BigDecimal price, String currency,
                           int totalQuantity, int availableQuantity, Instant createdAt) {
        static TierView of(TicketTier t, UUID concertId) {
            return new TierView(t.id, concertId, t.name, t.price, t.currency, t.totalQuantity, t.availableQuantity,
                    t.createdAt);
        }
    }

    public static ConcertView of(Concert c) {
        return new ConcertView(c.id, c.name, c.description, c.location, c.date, c.timeZone, c.salesOpenAt, c.salesCloseAt,
                c.createdAt, c.updatedAt,
                c.ticketTiers.stream().map(t -> TierView.of(t, c.id)).toList());
    }

    public record ListResponse(List<ConcertView> concerts) {
    }

    public record OneResponse(ConcertView concert) {
    }
}
