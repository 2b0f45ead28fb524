package com.tickets.api.organizer;

import com.tickets.api.concert.ConcertStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every SQL statement of the organizer routes, on the connection of the caller's transaction. Rows of another
 * organizer are never found: every look-up names the organizer, so a stranger's id reads as unknown (404).
 *
 * <p>Locks, always in this order: the concert row, then its bookings (id order), then its tiers (id order),
 * the order the payment outcomes and the buyer's cancel take bookings and tiers in. Concert rows are locked
 * {@code for no key update} and tiers {@code for no key update}, which do not wait for the key-share locks
 * that inserting a booking takes on its concert and tier (foreign keys), but do wait for a booking batch's
 * tier lock, and make it wait.
 */
@ApplicationScoped
class OrganizerSql {

    /** A concert row as the organizer sees it. */
    record ConcertRow(UUID id, String organizer, String name, String description, String location, String timeZone,
                      Instant date, Instant salesOpenAt, Instant salesCloseAt, ConcertStatus status, Instant createdAt,
                      Instant updatedAt) implements SalesWindow {
        ConcertRow with(ConcertStatus newStatus, Instant at) {
            return new ConcertRow(id, organizer, name, description, location, timeZone, date, salesOpenAt, salesCloseAt,
                    newStatus, createdAt, at);
        }
    }

    /**
     * A tier with what is sold (confirmed bookings), held (pending ones), held for waitlist offers, and how many
     * entries wait for it.
     */
    record TierRow(UUID id, UUID concertId, String name, BigDecimal price, String currency, int totalQuantity,
                   int availableQuantity, int soldQuantity, int heldQuantity, int offeredQuantity, int waitlisted,
                   Instant createdAt) {
    }

    /** A booking the organizer's cancel ends, with what its events carry. */
    record LiveBooking(UUID id, UUID tierId, String tierName, BigDecimal unitPrice, String userEmail, int quantity,
                       BigDecimal totalPrice, String currency, String status, String idempotencyKey, Instant createdAt,
                       Instant holdExpiresAt, boolean refundRequested) {
    }

    /** An earlier creation with the same key: its fingerprint and its answer. */
    record EarlierRequest(String fingerprint, UUID concertId, String response) {
    }

    private static final String CONCERT_COLUMNS = """
            id, organizer, name, description, location, time_zone, date, sales_open_at, sales_close_at, status,
            created_at, updated_at""";

    private static final String TIER_COLUMNS = """
            t.id, t.concert_id, t.name, t.price, t.currency, t.total_quantity, t.available_quantity,
            coalesce((select sum(b.quantity) from bookings b where b.ticket_tier_id = t.id and b.status = 'CONFIRMED'), 0),
            coalesce((select sum(b.quantity) from bookings b where b.ticket_tier_id = t.id and b.status = 'PENDING'), 0),
            t.offered_quantity,
            (select count(*) from waitlist_entries e where e.ticket_tier_id = t.id and e.status = 'WAITING'),
            t.created_at""";

    // --- concerts -------------------------------------------------------------------------------------------

    void insertConcert(Connection c, ConcertRow r) throws SQLException {
        try (var s = c.prepareStatement("insert into concerts (" + CONCERT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, r.id());
            s.setString(2, r.organizer());
            s.setString(3, r.name());
            s.setString(4, r.description());
            s.setString(5, r.location());
            s.setString(6, r.timeZone());
            setInstant(s, 7, r.date());
            setInstant(s, 8, r.salesOpenAt());
            setInstant(s, 9, r.salesCloseAt());
            s.setString(10, r.status().name());
            setInstant(s, 11, r.createdAt());
            setInstant(s, 12, r.updatedAt());
            s.executeUpdate();
        }
    }

    Optional<ConcertRow> findConcert(Connection c, UUID id, String organizer) throws SQLException {
        return oneConcert(c, "select " + CONCERT_COLUMNS + " from concerts where id = ? and organizer = ?", id, organizer);
    }

    /** The organizer's concert, locked until the transaction ends. */
    Optional<ConcertRow> lockConcert(Connection c, UUID id, String organizer) throws SQLException {
        return oneConcert(c, "select " + CONCERT_COLUMNS + " from concerts where id = ? and organizer = ? for no key update",
                id, organizer);
    }

    /** The concert of the organizer's tier, share-locked: a cancel or an edit of the concert waits, and is waited for. */
    Optional<ConcertRow> shareConcertOfTier(Connection c, UUID tierId, String organizer) throws SQLException {
        return oneConcert(c, "select " + CONCERT_COLUMNS + " from concerts where organizer = ? "
                + "and id = (select concert_id from ticket_tiers where id = ?) for share", organizer, tierId);
    }

    List<ConcertRow> concertsOf(Connection c, String organizer) throws SQLException {
        try (var s = c.prepareStatement("select " + CONCERT_COLUMNS + " from concerts where organizer = ? order by date, name, id")) {
            s.setString(1, organizer);
            try (var rs = s.executeQuery()) {
                List<ConcertRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(concert(rs));
                }
                return rows;
            }
        }
    }

    void updateConcert(Connection c, ConcertRow r) throws SQLException {
        try (var s = c.prepareStatement("""
                update concerts set name = ?, description = ?, location = ?, time_zone = ?, date = ?, sales_open_at = ?,
                       sales_close_at = ?, status = ?, updated_at = ?
                where id = ?""")) {
            s.setString(1, r.name());
            s.setString(2, r.description());
            s.setString(3, r.location());
            s.setString(4, r.timeZone());
            setInstant(s, 5, r.date());
            setInstant(s, 6, r.salesOpenAt());
            setInstant(s, 7, r.salesCloseAt());
            s.setString(8, r.status().name());
            setInstant(s, 9, r.updatedAt());
            s.setObject(10, r.id());
            s.executeUpdate();
        }
    }

    private Optional<ConcertRow> oneConcert(Connection c, String sql, Object... params) throws SQLException {
        try (var s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (var rs = s.executeQuery()) {
                return rs.next() ? Optional.of(concert(rs)) : Optional.empty();
            }
        }
    }

    private static ConcertRow concert(ResultSet rs) throws SQLException {
        return new ConcertRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9), ConcertStatus.valueOf(rs.getString(10)),
                instant(rs, 11), instant(rs, 12));
    }

    // --- tiers ----------------------------------------------------------------------------------------------

    void insertTiers(Connection c, List<TierRow> tiers) throws SQLException {
        try (var s = c.prepareStatement("""
                insert into ticket_tiers (id, concert_id, name, price, currency, total_quantity, available_quantity, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (TierRow t : tiers) {
                s.setObject(1, t.id());
                s.setObject(2, t.concertId());
                s.setString(3, t.name());
                s.setBigDecimal(4, t.price());
                s.setString(5, t.currency());
                s.setInt(6, t.totalQuantity());
                s.setInt(7, t.availableQuantity());
                setInstant(s, 8, t.createdAt());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The concert's tiers with sold and held quantities, most expensive first (the catalogue's order). */
    List<TierRow> tiersOf(Connection c, UUID concertId) throws SQLException {
        return tiers(c, "select " + TIER_COLUMNS + " from ticket_tiers t where t.concert_id = ? order by t.price desc, t.name",
                concertId);
    }

    /** The tiers of the given concerts, in one query. */
    List<TierRow> tiersOf(Connection c, List<UUID> concertIds) throws SQLException {
        try (var s = c.prepareStatement("select " + TIER_COLUMNS
                + " from ticket_tiers t where t.concert_id = any(?) order by t.price desc, t.name")) {
            s.setArray(1, c.createArrayOf("uuid", concertIds.toArray()));
            return tiers(s);
        }
    }

    /** The tier, its row locked (the caller holds its concert's share lock). */
    Optional<TierRow> lockTier(Connection c, UUID tierId) throws SQLException {
        List<TierRow> found = tiers(c, "select " + TIER_COLUMNS + " from ticket_tiers t where t.id = ? for no key update of t",
                tierId);
        return found.stream().findFirst();
    }

    /** Locks the concert's tiers in id order and returns their ids. */
    List<UUID> lockTiersOf(Connection c, UUID concertId) throws SQLException {
        try (var s = c.prepareStatement("select id from ticket_tiers where concert_id = ? order by id for no key update")) {
            s.setObject(1, concertId);
            try (var rs = s.executeQuery()) {
                List<UUID> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
                return ids;
            }
        }
    }

    boolean tierNameTaken(Connection c, UUID concertId, String name) throws SQLException {
        try (var s = c.prepareStatement("select 1 from ticket_tiers where concert_id = ? and lower(btrim(name)) = ?")) {
            s.setObject(1, concertId);
            s.setString(2, TierNames.canonical(name));
            try (var rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Sets the tier's total and moves its availability by the same amount, in ONE conditional UPDATE: the
     * check (nothing sold or held is taken away) and the write are one step under the tier's row lock, so a
     * booking batch either committed before (and its tickets count) or waits and decides against the new
     * availability. Returns the availability after it, or empty when the new total is below what is sold and held.
     */
    Optional<Integer> setTotal(Connection c, UUID tierId, int total) throws SQLException {
        try (var s = c.prepareStatement("""
                update ticket_tiers set total_quantity = ?, available_quantity = available_quantity + (? - total_quantity)
                where id = ? and available_quantity + (? - total_quantity) >= 0
                returning available_quantity""")) {
            s.setInt(1, total);
            s.setInt(2, total);
            s.setObject(3, tierId);
            s.setInt(4, total);
            try (var rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    void setPrice(Connection c, UUID tierId, BigDecimal price) throws SQLException {
        try (var s = c.prepareStatement("update ticket_tiers set price = ? where id = ?")) {
            s.setBigDecimal(1, price);
            s.setObject(2, tierId);
            s.executeUpdate();
        }
    }

    /** The organizer's change of a tier's capacity in the inventory audit: no booking, the organizer as the actor. */
    void auditCapacity(Connection c, UUID tierId, int delta, int availableAfter, String organizer) throws SQLException {
        try (var s = c.prepareStatement("""
                insert into inventory_audit (ticket_tier_id, delta, available_after, reason, booking_id, actor)
                values (?, ?, ?, 'CAPACITY_CHANGED', null, ?)""")) {
            s.setObject(1, tierId);
            s.setInt(2, delta);
            s.setInt(3, availableAfter);
            s.setString(4, organizer);
            s.executeUpdate();
        }
    }

    private List<TierRow> tiers(Connection c, String sql, UUID param) throws SQLException {
        try (var s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            return tiers(s);
        }
    }

    private static List<TierRow> tiers(PreparedStatement s) throws SQLException {
        try (var rs = s.executeQuery()) {
            List<TierRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new TierRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getBigDecimal(4), rs.getString(5).trim(), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                        rs.getInt(10), rs.getInt(11), instant(rs, 12)));
            }
            return rows;
        }
    }

    // --- bookings -------------------------------------------------------------------------------------------

    /** The bookings of these tiers that are not over yet (pending or confirmed), locked in id order, except {@code known}. */
    List<LiveBooking> lockLiveBookings(Connection c, List<UUID> tierIds, List<UUID> known) throws SQLException {
        try (var s = c.prepareStatement("""
                select b.id, b.ticket_tier_id, t.name, t.price, b.user_email, b.quantity, b.total_price, b.currency,
                       b.status, b.idempotency_key, b.created_at, b.hold_expires_at, b.refund_requested_at is not null
                from bookings b join ticket_tiers t on t.id = b.ticket_tier_id
                where b.ticket_tier_id = any(?) and b.status in ('PENDING', 'CONFIRMED') and b.id <> all(?)
                order by b.id
                for update of b""")) {
            s.setArray(1, c.createArrayOf("uuid", tierIds.toArray()));
            s.setArray(2, c.createArrayOf("uuid", known.toArray()));
            try (var rs = s.executeQuery()) {
                List<LiveBooking> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new LiveBooking(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getBigDecimal(4), rs.getString(5), rs.getInt(6), rs.getBigDecimal(7), rs.getString(8).trim(),
                            rs.getString(9), rs.getString(10), instant(rs, 11), instant(rs, 12), rs.getBoolean(13)));
                }
                return rows;
            }
        }
    }

    /** Cancels the bookings in one statement; of the confirmed ones, those never refunded are marked as refund requested. */
    void cancelBookings(Connection c, List<UUID> bookingIds, Instant at) throws SQLException {
        try (var s = c.prepareStatement("""
                update bookings set status = 'CANCELLED', updated_at = ?,
                       refund_requested_at = case when status = 'CONFIRMED' and refund_requested_at is null then ?
                                                  else refund_requested_at end
                where id = any(?) and status in ('PENDING', 'CONFIRMED')""")) {
            setInstant(s, 1, at);
            setInstant(s, 2, at);
            s.setArray(3, c.createArrayOf("uuid", bookingIds.toArray()));
            if (s.executeUpdate() != bookingIds.size()) {
                throw new IllegalStateException("bookings changed under their row locks");
            }
        }
    }

    // --- idempotency of creation ----------------------------------------------------------------------------

    Optional<EarlierRequest> findRequest(Connection c, String organizer, String key) throws SQLException {
        try (var s = c.prepareStatement("""
                select request_fingerprint, concert_id, response from organizer_requests where organizer = ? and idempotency_key = ?""")) {
            s.setString(1, organizer);
            s.setString(2, key);
            try (var rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new EarlierRequest(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** Records the key's answer; false when another transaction recorded the key first (its insert made this one wait). */
    boolean recordRequest(Connection c, String organizer, String key, String fingerprint, UUID concertId, String response)
            throws SQLException {
        try (var s = c.prepareStatement("""
                insert into organizer_requests (organizer, idempotency_key, request_fingerprint, concert_id, response)
                values (?, ?, ?, ?, ?) on conflict (organizer, idempotency_key) do nothing""")) {
            s.setString(1, organizer);
            s.setString(2, key);
            s.setString(3, fingerprint);
            s.setObject(4, concertId);
            s.setString(5, response);
            return s.executeUpdate() == 1;
        }
    }

    // --- audit ----------------------------------------------------------------------------------------------

    void audit(Connection c, String organizer, String action, String entityType, UUID entityId, String beforeJson,
               String afterJson, Instant at) throws SQLException {
        try (var s = c.prepareStatement("""
                insert into organizer_audit (organizer, action, entity_type, entity_id, before, after, at)
                values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""")) {
            s.setString(1, organizer);
            s.setString(2, action);
            s.setString(3, entityType);
            s.setObject(4, entityId);
            s.setString(5, beforeJson);
            s.setString(6, afterJson);
            setInstant(s, 7, at);
            s.executeUpdate();
        }
    }

    // --- values ---------------------------------------------------------------------------------------------

    private static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
