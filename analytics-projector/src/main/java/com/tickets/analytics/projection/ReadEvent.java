package com.tickets.analytics.projection;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;

import java.util.Optional;

/**
 * A record of a batch read as an event: where it stands in the batch, the event, and the change it
 * makes to its booking's fact row or to its waitlist entry's row (both empty for an event the
 * dashboard does not depend on; never both present).
 */
public record ReadEvent(int position, EventEnvelope event, Optional<FactChange> change,
                        Optional<WaitlistChange> waitlistChange) {

    /** An event that touches no waitlist entry. */
    public ReadEvent(int position, EventEnvelope event, Optional<FactChange> change) {
        this(position, event, change, Optional.empty());
    }

    /**
     * Reads one record's value.
     *
     * @throws InvalidEventException if it is not an event the projection can ever apply (not JSON, no
     *                               id or type, a booking event without what a fact row needs, a
     *                               waitlist event without what an entry's row needs); such a
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
        return new ReadEvent(position, event, FactChange.of(event), WaitlistChange.of(event));
    }
}
