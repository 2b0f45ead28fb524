package com.tickets.events;

import java.util.UUID;

/** Payload of {@code AvailabilityChanged} on {@code inventory.events}: the tier's count after a change. */
public record AvailabilityData(UUID concertId, UUID ticketTierId, int availableQuantity) {
}
