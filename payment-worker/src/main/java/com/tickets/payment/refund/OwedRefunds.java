package com.tickets.payment.refund;

import com.tickets.applied.AppliedEvents;
import com.tickets.applied.AppliedEvents.Applied;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code owed_refunds} table. A row is claimed by moving its {@code next_attempt_at} past
 * the time its payer needs (a lease), in one statement with {@code FOR UPDATE SKIP LOCKED}, so
 * several replicas (and the first attempt right after the request) never pay one refund at once.
 * A payer that dies simply lets its lease run out.
 */
@ApplicationScoped
public class OwedRefunds {

    private final AgroalDataSource db;

    OwedRefunds(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * Records the refund as owed, leased to the caller for {@code lease}, and the event as applied
     * (one transaction: a redelivered request then does nothing), with the request's trace. Returns
     * false when it was already owed.
     */
    public boolean owe(EventEnvelope request, UUID bookingId, Duration lease, String traceparent) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement owe = c.prepareStatement("""
                         insert into owed_refunds (event_id, booking_id, event, attempts, next_attempt_at, traceparent)
                         values (?, ?, ?, 1, now() + ?::interval, ?) on conflict do nothing""")) {
                owe.setObject(1, request.id());
                owe.setObject(2, bookingId);
                owe.setString(3, EventJson.write(request));
                owe.setString(4, interval(lease));
                owe.setString(5, traceparent);
                boolean inserted = owe.executeUpdate() == 1;
                AppliedEvents.recordNew(c, new Applied(request.id(), request.type(), "refund owed"));
                c.commit();
                return inserted;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the refund as owed", e);
        }
    }

    /**
     * Claims up to {@code limit} refunds whose next attempt is due, leasing each for {@code lease}:
     * the least tried first, so one refund the gateway keeps failing cannot always be the call
     * that finds out whether the circuit breaker may close, starving the others behind it.
     */
    public List<OwedRefund> claimDue(int limit, Duration lease) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     update owed_refunds set attempts = attempts + 1, next_attempt_at = now() + ?::interval
                     where event_id in (select event_id from owed_refunds where next_attempt_at <= now()
                                        order by attempts, next_attempt_at limit ? for update skip locked)
                     returning event, attempts, traceparent""")) {
            s.setString(1, interval(lease));
            s.setInt(2, limit);
            List<OwedRefund> claimed = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new OwedRefund(EventJson.read(rs.getString(1)), rs.getInt(2), rs.getString(3)));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim owed refunds", e);
        }
    }

    /** The refund went through and its outcome is published: nothing is owed any more. */
    public void paid(UUID eventId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("delete from owed_refunds where event_id = ?")) {
            s.setObject(1, eventId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not mark refund " + eventId + " paid", e);
        }
    }

    /** The attempt failed: try again after {@code delay}. */
    public void retryLater(UUID eventId, Duration delay, String error) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "update owed_refunds set next_attempt_at = now() + ?::interval, last_error = ? where event_id = ?")) {
            s.setString(1, interval(delay));
            s.setString(2, error.length() > 500 ? error.substring(0, 500) : error);
            s.setObject(3, eventId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not reschedule refund " + eventId, e);
        }
    }

    /** The gateway was not called (its circuit breaker is open): not an attempt; try again after {@code delay}. */
    public void notTried(UUID eventId, Duration delay) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "update owed_refunds set attempts = attempts - 1, next_attempt_at = now() + ?::interval where event_id = ?")) {
            s.setString(1, interval(delay));
            s.setObject(2, eventId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not reschedule refund " + eventId, e);
        }
    }

    /** How many refunds are owed, and how long the oldest has been owed (seconds; 0 when none). */
    public double[] backlog() {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from owed_refunds");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return new double[]{rs.getLong(1), rs.getDouble(2)};
        } catch (SQLException e) {
            return new double[]{Double.NaN, Double.NaN};
        }
    }

    private static String interval(Duration d) {
        return d.toMillis() + " milliseconds";
    }
}
