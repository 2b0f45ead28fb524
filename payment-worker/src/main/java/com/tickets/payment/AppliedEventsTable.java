package com.tickets.payment;

import com.tickets.applied.AppliedEvents;
import com.tickets.applied.AppliedEvents.Applied;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The booking events this worker has finished with ({@link AppliedEvents}), each look-up and record on
 * a connection of its own: a charge's outcome is recorded after the gateway answered and the outcome
 * was published, and no transaction can span a gateway call.
 */
@ApplicationScoped
public class AppliedEventsTable {

    private final AgroalDataSource db;

    AppliedEventsTable(AgroalDataSource db) {
        this.db = db;
    }

    public boolean contains(UUID eventId) {
        try (Connection c = db.getConnection()) {
            return AppliedEvents.isApplied(c, eventId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void record(UUID eventId, String type, String outcome) {
        try (Connection c = db.getConnection()) {
            AppliedEvents.recordNew(c, new Applied(eventId, type, outcome));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
