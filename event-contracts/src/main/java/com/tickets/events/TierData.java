package com.tickets.events;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A ticket tier in the catalogue: payload of TierAdded and TierChanged on {@code catalog.events}, and
 * the tiers of {@link ConcertData}. {@code price} applies to new bookings (a booking keeps the price it
 * was made at, in {@code booking.events}); live availability is on {@code inventory.events}.
 */
public record TierData(UUID concertId, UUID ticketTierId, String name, BigDecimal price, String currency,
                       int totalQuantity) {
}
