package com.tickets.analytics.projection;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Applies events to {@code booking_facts}, one row per booking. Each event is joined into its row
 * (status only moves up {@link FactStatus}, timestamps keep the earliest value, details are
 * filled once), so reapplying an event is a no-op and the order of arrival does not matter: a
 * cancellation read before its confirmation still leaves the booking at zero revenue. The event
 * id goes into {@code applied_events} in the same transaction, which makes a redelivery cheap to
 * skip, but correctness does not depend on it.
 */
@ApplicationScoped
public class BookingFacts {

    public enum Outcome { APPLIED, DUPLICATE, IGNORED }

    private static final String JOIN = """
            insert into booking_facts (booking_id, concert_id, concert_name, ticket_tier_id, tier_name, quantity,
                                       total_price, currency, status, status_rank, confirmed_at,
                                       refund_requested_at, refunded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (booking_id) do update set
                concert_id          = coalesce(booking_facts.concert_id, excluded.concert_id),
                concert_name        = coalesce(booking_facts.concert_name, excluded.concert_name),
                ticket_tier_id      = coalesce(booking_facts.ticket_tier_id, excluded.ticket_tier_id),
                tier_name           = coalesce(booking_facts.tier_name, excluded.tier_name),
                quantity            = coalesce(booking_facts.quantity, excluded.quantity),
                total_price         = coalesce(booking_facts.total_price, excluded.total_price),
                currency            = coalesce(booking_facts.currency, excluded.currency),
                status              = case when excluded.status_rank > booking_facts.status_rank
                                           then excluded.status else booking_facts.status end,
                status_rank         = greatest(booking_facts.status_rank, excluded.status_rank),
                confirmed_at        = least(booking_facts.confirmed_at, excluded.confirmed_at),
                refund_requested_at = least(booking_facts.refund_requested_at, excluded.refund_requested_at),
                refunded_at         = least(booking_facts.refunded_at, excluded.refunded_at),
                updated_at          = now()
            """; // PostgreSQL's least() ignores nulls: a missing timestamp never erases a known one

    private final AgroalDataSource db;

    BookingFacts(AgroalDataSource db) {
        this.db = db;
    }

    /** Applies one event; throws {@link InvalidEventException} for an event that can never apply. */
    @Transactional
    public Outcome apply(EventEnvelope event) throws SQLException {
        if (event.id() == null || event.type() == null) {
            throw new InvalidEventException("an event without id or type");
        }
        Optional<FactChange> change = FactChange.of(event);
        try (Connection c = db.getConnection()) {
            if (!recordFirstApplication(c, event)) {
                return Outcome.DUPLICATE;
            }
            if (change.isEmpty()) {
                return Outcome.IGNORED;
            }
            join(c, change.get());
            return Outcome.APPLIED;
        }
    }

    private static boolean recordFirstApplication(Connection c, EventEnvelope event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into applied_events (event_id, type) values (?, ?) on conflict do nothing")) {
            s.setObject(1, event.id());
            s.setString(2, event.type());
            return s.executeUpdate() == 1;
        }
    }

    private static void join(Connection c, FactChange change) throws SQLException {
        BookingData d = change.details();
        try (PreparedStatement s = c.prepareStatement(JOIN)) {
            s.setObject(1, change.bookingId());
            s.setObject(2, d == null ? null : d.concertId());
            s.setString(3, d == null ? null : d.concertName());
            s.setObject(4, d == null ? null : d.ticketTierId());
            s.setString(5, d == null ? null : d.tierName());
            if (d == null) {
                s.setNull(6, Types.INTEGER);
            } else {
                s.setInt(6, d.quantity());
            }
            s.setBigDecimal(7, d == null ? null : d.totalPrice());
            s.setString(8, d == null ? null : d.currency());
            s.setString(9, change.status().name());
            s.setInt(10, change.status().rank());
            setInstant(s, 11, change.confirmedAt());
            setInstant(s, 12, change.refundRequestedAt());
            setInstant(s, 13, change.refundedAt());
            s.executeUpdate();
        }
    }

    private static void setInstant(PreparedStatement s, int index, Instant instant) throws SQLException {
        if (instant == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    /** Forgets every fact and every applied event id, for a rebuild from the start of the topics. */
    @Transactional
    public void clear() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate booking_facts, applied_events");
        }
    }
}
