package com.tickets.analytics.projection;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.PaymentData;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Map;

/**
 * Applies events to {@code booking_facts}. A booking's status only moves up the lattice
 * PENDING (0) &lt; CONFIRMED (1) &lt; CANCELLED / EXPIRED (2), and {@code confirmed_at} is set once,
 * so replays, duplicates and out-of-order delivery all end in the same row: a cancellation read
 * before its confirmation still leaves the booking at zero revenue.
 */
@ApplicationScoped
public class BookingFacts {

    private static final Map<String, Integer> RANK = Map.of("PENDING", 0, "CONFIRMED", 1, "CANCELLED", 2, "EXPIRED", 2);

    private final AgroalDataSource db;

    BookingFacts(AgroalDataSource db) {
        this.db = db;
    }

    @Transactional
    public void apply(EventEnvelope event) throws SQLException {
        try (Connection c = db.getConnection()) {
            if (!firstTime(c, event)) {
                return;
            }
            switch (event.type()) {
                case EventTypes.BOOKING_CREATED, EventTypes.BOOKING_CONFIRMED, EventTypes.BOOKING_CANCELLED,
                     EventTypes.BOOKING_EXPIRED -> upsert(c, event, EventJson.data(event, BookingData.class));
                case EventTypes.REFUND_SUCCEEDED -> refunded(c, event, EventJson.data(event, PaymentData.class));
                default -> {
                    // RefundRequested, payment results: the booking events carry the sale itself
                }
            }
        }
    }

    private static boolean firstTime(Connection c, EventEnvelope event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into applied_events (event_id, type) values (?, ?) on conflict do nothing")) {
            s.setObject(1, event.id());
            s.setString(2, event.type());
            return s.executeUpdate() == 1;
        }
    }

    private static void upsert(Connection c, EventEnvelope event, BookingData b) throws SQLException {
        String status = switch (event.type()) {
            case EventTypes.BOOKING_CONFIRMED -> "CONFIRMED";
            case EventTypes.BOOKING_CANCELLED -> "CANCELLED";
            case EventTypes.BOOKING_EXPIRED -> "EXPIRED";
            default -> "PENDING";
        };
        Timestamp confirmedAt = status.equals("CONFIRMED") ? Timestamp.from(event.occurredAt()) : null;
        try (PreparedStatement s = c.prepareStatement("""
                insert into booking_facts (booking_id, concert_id, concert_name, ticket_tier_id, tier_name, quantity,
                                           total_price, currency, status, status_rank, confirmed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (booking_id) do update set
                    status = case when excluded.status_rank > booking_facts.status_rank
                                  then excluded.status else booking_facts.status end,
                    status_rank = greatest(excluded.status_rank, booking_facts.status_rank),
                    confirmed_at = coalesce(booking_facts.confirmed_at, excluded.confirmed_at),
                    updated_at = now()""")) {
            s.setObject(1, b.bookingId());
            s.setObject(2, b.concertId());
            s.setString(3, b.concertName());
            s.setObject(4, b.ticketTierId());
            s.setString(5, b.tierName());
            s.setInt(6, b.quantity());
            s.setBigDecimal(7, b.totalPrice());
            s.setString(8, b.currency());
            s.setString(9, status);
            s.setInt(10, RANK.get(status));
            s.setTimestamp(11, confirmedAt);
            s.executeUpdate();
        }
    }

    private static void refunded(Connection c, EventEnvelope event, PaymentData p) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "update booking_facts set refunded_at = coalesce(refunded_at, ?) where booking_id = ?")) {
            s.setTimestamp(1, Timestamp.from(event.occurredAt()));
            s.setObject(2, p.bookingId());
            s.executeUpdate();
        }
    }

    /** Forgets everything, for a rebuild from the start of the topics. */
    @Transactional
    public void clear() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate booking_facts, applied_events");
        }
    }
}
