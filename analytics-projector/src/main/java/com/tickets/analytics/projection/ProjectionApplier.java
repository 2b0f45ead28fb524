package com.tickets.analytics.projection;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.SQLException;

/** Reads one record's JSON and applies it, counting the outcome; shared by the live consumers and the rebuild. */
@ApplicationScoped
public class ProjectionApplier {

    private final BookingFacts facts;
    private final ProjectionMetrics metrics;

    ProjectionApplier(BookingFacts facts, ProjectionMetrics metrics) {
        this.facts = facts;
        this.metrics = metrics;
    }

    public BookingFacts.Outcome apply(String json) throws SQLException {
        EventEnvelope event;
        try {
            event = EventJson.read(json);
        } catch (RuntimeException e) {
            metrics.invalid(null);
            throw new InvalidEventException("unreadable record", e);
        }
        try {
            BookingFacts.Outcome outcome = facts.apply(event);
            metrics.applied(event, outcome);
            return outcome;
        } catch (InvalidEventException e) {
            metrics.invalid(event.type());
            throw e;
        }
    }
}
