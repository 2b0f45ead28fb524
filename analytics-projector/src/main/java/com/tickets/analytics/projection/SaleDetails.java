package com.tickets.analytics.projection;

import com.tickets.events.BookingData;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What a fact row keeps of a booking's sale: the show and who runs it, the tier, how many tickets and
 * what they cost. The same in every event of one booking, unlike the rest of {@link BookingData} (its status,
 * its reason), which the projection does not store.
 */
public record SaleDetails(UUID concertId, String concertName, UUID ticketTierId, String tierName, int quantity,
                          BigDecimal totalPrice, String currency, String organizer) {

    static SaleDetails of(BookingData b) {
        return new SaleDetails(b.concertId(), b.concertName(), b.ticketTierId(), b.tierName(), b.quantity(),
                b.totalPrice(), b.currency(), b.organizer());
    }
}
