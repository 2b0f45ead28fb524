package com.tickets.analytics.projection;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;

import java.util.Optional;

/**
 * A record of a batch read as an event: where it stands in the batch, the event, and the change it
 * makes to its booking's fact row (empty for an event the sales figures do not depend on).
 */
public record ReadEvent(int position, EventEnvelope event, Optional<FactChange> change) {

    /**
     * Reads one record's value.
     *
     * @throws InvalidEventException if it is not an event the projection can ever apply (not JSON, no
     *                               id or type, a booking event without what a fact row needs); such a
     *                               record fails the same way on every attempt
     */
    public static ReadEvent read(int position, String json) {
        EventEnvelope event;
        try {
            event = EventJson.read(json);
        } catch (RuntimeException e) {
            throw new InvalidEventException("unreadable record", e);
        }
        if (event == null || event.id() == null || event.type() == null) {
            throw new InvalidEventException(event == null ? null : event.type(), "an event without id or type", null);
        }
        return new ReadEvent(position, event, FactChange.of(event));
    }
}
