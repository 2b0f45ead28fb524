package com.tickets.api.waitlist;

import com.tickets.api.concert.ConcertStatus;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The statements on {@code waitlist_entries}, on the caller's transaction's connection. Every change of an
 * entry's status is made under its tier's row lock (taken by the caller first), so joins, offers, claims,
 * expiries and leaves of one tier are serialized with each other and with the tier's bookings.
 */
@ApplicationScoped
class WaitlistSql {

    private static final String COLUMNS = """
            id, ticket_tier_id, concert_id, user_email, quantity, status, joined_seq, idempotency_key,
            request_fingerprint, joined_at, offered_at, offer_expires_at, booking_id""";

    Optional<TierInfo> tierInfo(Connection c, UUID tierId) throws SQLException {
        try (var s = c.prepareStatement("""
                select t.name, t.price, t.currency, c.id, c.name, c.date, c.location, c.time_zone, c.status,
                       c.sales_open_at, coalesce(c.sales_close_at, c.date), c.organizer
                from ticket_tiers t join concerts c on c.id = t.concert_id where t.id = ?""")) {
            s.setObject(1, tierId);
            try (var rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new TierInfo(tierId, rs.getString(1), rs.getBigDecimal(2), rs.getString(3).trim(),
                        rs.getObject(4, UUID.class), rs.getString(5), instant(rs, 6), rs.getString(7), rs.getString(8),
                        ConcertStatus.valueOf(rs.getString(9)), instant(rs, 10), instant(rs, 11), rs.getString(12)));
            }
        }
    }

    /** The waiting entries of the tier that want at most {@code fits} tickets, in the order they joined. */
    List<WaitlistEntry> waitingThatFit(Connection c, UUID tierId, int fits, int limit) throws SQLException {
        return list(c, "select " + COLUMNS + """
                 from waitlist_entries where ticket_tier_id = ? and status = 'WAITING' and quantity <= ?
                order by joined_seq limit ?""", tierId, fits, limit);
    }

    Optional<WaitlistEntry> find(Connection c, UUID id) throws SQLException {
        return list(c, "select " + COLUMNS + " from waitlist_entries where id = ?", id).stream().findFirst();
    }

    /** The entry with its row locked; the caller holds its tier's row lock. */
    Optional<WaitlistEntry> lock(Connection c, UUID id) throws SQLException {
        return list(c, "select " + COLUMNS + " from waitlist_entries where id = ? for update", id).stream().findFirst();
    }

    Optional<WaitlistEntry> findByKey(Connection c, String key) throws SQLException {
        return list(c, "select " + COLUMNS + " from waitlist_entries where idempotency_key = ?", key).stream().findFirst();
    }

    boolean hasActiveEntry(Connection c, UUID tierId, String email) throws SQLException {
        try (var s = c.prepareStatement("""
                select 1 from waitlist_entries where ticket_tier_id = ? and user_email = ?
                and status in ('WAITING', 'OFFERED')""")) {
            s.setObject(1, tierId);
            s.setString(2, email);
            try (var rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    WaitlistEntry insert(Connection c, UUID id, UUID tierId, UUID concertId, String email, int quantity, String key,
                         String fingerprint, Instant now) throws SQLException {
        try (var s = c.prepareStatement("""
                insert into waitlist_entries (id, ticket_tier_id, concert_id, user_email, quantity, status,
                                              idempotency_key, request_fingerprint, joined_at)
                values (?, ?, ?, ?, ?, 'WAITING', ?, ?, ?) returning joined_seq""")) {
            s.setObject(1, id);
            s.setObject(2, tierId);
            s.setObject(3, concertId);
            s.setString(4, email);
            s.setInt(5, quantity);
            s.setString(6, key);
            s.setString(7, fingerprint);
            s.setObject(8, at(now));
            try (var rs = s.executeQuery()) {
                rs.next();
                return new WaitlistEntry(id, tierId, concertId, email, quantity, WaitlistStatus.WAITING, rs.getLong(1), key,
                        fingerprint, now, null, null, null);
            }
        }
    }

    /** 1 + the entries of its tier still waiting that joined before it. */
    int position(Connection c, WaitlistEntry entry) throws SQLException {
        try (var s = c.prepareStatement("""
                select count(*) from waitlist_entries where ticket_tier_id = ? and status = 'WAITING' and joined_seq < ?""")) {
            s.setObject(1, entry.tierId());
            s.setLong(2, entry.joinedSeq());
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) + 1;
            }
        }
    }

    void markOffered(Connection c, List<UUID> ids, Instant now, Instant expiresAt) throws SQLException {
        try (var s = c.prepareStatement("""
                update waitlist_entries set status = 'OFFERED', offered_at = ?, offer_expires_at = ?
                where id = any(?) and status = 'WAITING'""")) {
            s.setObject(1, at(now));
            s.setObject(2, at(expiresAt));
            s.setArray(3, c.createArrayOf("uuid", ids.toArray()));
            if (s.executeUpdate() != ids.size()) {
                throw new IllegalStateException("waitlist entries changed under their tier's row lock");
            }
        }
    }

    /** Ends the entries (CLAIMED with its booking, EXPIRED, LEFT, CLOSED). */
    void end(Connection c, List<UUID> ids, WaitlistStatus to, UUID bookingId, Instant now) throws SQLException {
        try (var s = c.prepareStatement("""
                update waitlist_entries set status = ?, booking_id = coalesce(?, booking_id), ended_at = ?
                where id = any(?)""")) {
            s.setString(1, to.name());
            s.setObject(2, bookingId);
            s.setObject(3, at(now));
            s.setArray(4, c.createArrayOf("uuid", ids.toArray()));
            s.executeUpdate();
        }
    }

    /** The tier's offers whose window has ended, locked. */
    List<WaitlistEntry> lockEndedOffers(Connection c, UUID tierId, Instant now) throws SQLException {
        return list(c, "select " + COLUMNS + """
                 from waitlist_entries where ticket_tier_id = ? and status = 'OFFERED' and offer_expires_at <= ?
                order by joined_seq for update""", tierId, now);
    }

    /** Tiers that have an offer whose window has ended. */
    List<UUID> tiersWithEndedOffers(Connection c, Instant now, int limit) throws SQLException {
        List<UUID> tiers = new ArrayList<>();
        try (var s = c.prepareStatement("""
                select distinct ticket_tier_id from waitlist_entries where status = 'OFFERED' and offer_expires_at <= ?
                limit ?""")) {
            s.setObject(1, at(now));
            s.setInt(2, limit);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    tiers.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return tiers;
    }

    /**
     * Marks the offers whose reminder is due (window ends within {@code before}, and the window was longer
     * than that) as reminded, and returns them. An UPDATE: two replicas never remind one offer twice.
     */
    List<WaitlistEntry> remindDue(Connection c, Instant now, java.time.Duration before, int limit) throws SQLException {
        return list(c, """
                update waitlist_entries set reminded_at = ?
                where id in (select id from waitlist_entries
                             where status = 'OFFERED' and reminded_at is null and offer_expires_at > ?
                               and offer_expires_at <= ? and offer_expires_at - offered_at > ?::interval
                             order by offer_expires_at limit ? for update skip locked)
                returning\s""" + COLUMNS, now, now, now.plus(before), before.toSeconds() + " seconds", limit);
    }

    /** The active entries of a concert's tiers, locked (the caller holds the tiers' row locks). */
    List<WaitlistEntry> lockActiveOfConcert(Connection c, UUID concertId) throws SQLException {
        return list(c, "select " + COLUMNS + """
                 from waitlist_entries where concert_id = ? and status in ('WAITING', 'OFFERED')
                order by joined_seq for update""", concertId);
    }

    private static List<WaitlistEntry> list(Connection c, String sql, Object... params) throws SQLException {
        try (var s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Instant at) {
                    s.setObject(i + 1, at(at));
                } else {
                    s.setObject(i + 1, p);
                }
            }
            List<WaitlistEntry> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new WaitlistEntry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getString(4), rs.getInt(5), WaitlistStatus.valueOf(rs.getString(6)),
                            rs.getLong(7), rs.getString(8), rs.getString(9), instant(rs, 10), instant(rs, 11), instant(rs, 12),
                            rs.getObject(13, UUID.class)));
                }
            }
            return rows;
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
