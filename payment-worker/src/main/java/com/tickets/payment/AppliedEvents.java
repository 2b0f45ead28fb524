package com.tickets.payment;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/** The ids of booking events this worker has finished with, so a redelivery does nothing. */
@ApplicationScoped
public class AppliedEvents {

    private final AgroalDataSource db;

    AppliedEvents(AgroalDataSource db) {
        this.db = db;
    }

    public boolean contains(UUID eventId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select 1 from applied_events where event_id = ?")) {
            s.setObject(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void record(UUID eventId, String type, String outcome) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "insert into applied_events (event_id, type, outcome) values (?, ?, ?) on conflict do nothing")) {
            s.setObject(1, eventId);
            s.setString(2, type);
            s.setString(3, outcome);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
