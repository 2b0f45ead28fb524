package com.tickets.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Payload of the concert events on {@code catalog.events} (ConcertPublished, ConcertChanged,
 * ConcertCancelled): the concert as it is after the change, with all its tiers, so a consumer keeps
 * its copy of the catalogue from the last event alone. {@code salesOpenAt} null: sales opened at
 * publication; {@code salesCloseAt} null: they close when the concert starts. {@code status} is
 * PUBLISHED or CANCELLED (drafts are never on the topic).
 */
public record ConcertData(UUID concertId, String organizer, String name, String description, String location,
                          String timeZone, Instant date, Instant salesOpenAt, Instant salesCloseAt, String status,
                          List<TierData> ticketTiers) {
}
