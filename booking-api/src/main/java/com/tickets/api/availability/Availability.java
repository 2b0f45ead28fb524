package com.tickets.api.availability;

import java.time.Instant;
import java.util.UUID;

/** A tier's available quantity at a moment: the payload of an SSE {@code availability} event. */
public record Availability(UUID concertId, UUID ticketTierId, int availableQuantity, Instant at) {
}
