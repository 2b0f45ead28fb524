package com.tickets.notification;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** The notifications table: intent recorded before sending, marked sent after. */
@ApplicationScoped
public class Notifications {

    private final AgroalDataSource db;

    Notifications(AgroalDataSource db) {
        this.db = db;
    }

    /** Records the intent to mail for this event (once); true if the mail still has to be sent. {@code bookingId} is null for a sign-in mail. */
    public boolean intend(UUID eventId, UUID bookingId, String kind, String recipient, String messageId) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into notifications (event_id, booking_id, kind, recipient, message_id, status)
                    values (?, ?, ?, ?, ?, 'PENDING') on conflict (event_id) do nothing""")) {
                s.setObject(1, eventId);
                s.setObject(2, bookingId);
                s.setString(3, kind);
                s.setString(4, recipient);
                s.setString(5, messageId);
                s.executeUpdate();
            }
            // attempts counts sends, not deliveries: a redelivered event whose mail is already sent
            // (the relay publishes at least once) leaves the row alone
            try (PreparedStatement s = c.prepareStatement(
                    "update notifications set attempts = attempts + 1 where event_id = ? and status = 'PENDING'")) {
                s.setObject(1, eventId);
                return s.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void markSent(UUID eventId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "update notifications set status = 'SENT', sent_at = now() where event_id = ?")) {
            s.setObject(1, eventId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
