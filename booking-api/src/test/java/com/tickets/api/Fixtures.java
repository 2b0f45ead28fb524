package com.tickets.api;

import com.tickets.api.booking.HoldConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Builds each test's own concerts and tiers with plain SQL, and reads the tables back. */
@ApplicationScoped
public class Fixtures {

    private final AgroalDataSource db;
    private final HoldConfig hold;

    Fixtures(AgroalDataSource db, HoldConfig hold) {
        this.db = db;
        this.hold = hold;
    }

    public record Tier(UUID concertId, UUID tierId, BigDecimal price) {
        public BigDecimal total(int quantity) {
            return price.multiply(BigDecimal.valueOf(quantity));
        }
    }

    public Tier concertWithTier(String tierName, String price, int quantity) {
        UUID concertId = UUID.randomUUID();
        UUID tierId = UUID.randomUUID();
        update("insert into concerts (id, name, description, location, date) values (?, ?, 'test show', 'Test Hall', ?)",
                concertId, "Test concert " + concertId.toString().substring(0, 8),
                Timestamp.from(Instant.now().plus(10, ChronoUnit.DAYS)));
        update("insert into ticket_tiers (id, concert_id, name, price, currency, total_quantity, available_quantity) "
                + "values (?, ?, ?, ?, 'USD', ?, ?)", tierId, concertId, tierName, new BigDecimal(price), quantity, quantity);
        return new Tier(concertId, tierId, new BigDecimal(price));
    }

    public long count(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row the query returns, as text (nulls included). */
    public java.util.List<String> texts(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            java.util.List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String status(UUID bookingId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = prepare(c, "select status from bookings where id = ?", bookingId);
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes a booking's hold and its grace run out, as if its ten minutes and the grace had passed some
     * seconds ago: the sweeper also waits until the payment outcomes of that moment are applied, a
     * watermark that trails now by a second or two.
     */
    public void expireHoldNow(UUID bookingId) {
        endHoldAgo(bookingId, hold.grace().plusSeconds(15));
    }

    /** Moves a booking's {@code hold_expires_at} to {@code ago} before now. */
    public void endHoldAgo(UUID bookingId, java.time.Duration ago) {
        update("update bookings set hold_expires_at = ? where id = ?", Timestamp.from(Instant.now().minus(ago)), bookingId);
    }

    public int available(UUID tierId) {
        return (int) count("select available_quantity from ticket_tiers where id = ?", tierId);
    }

    public void update(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = prepare(c, sql, params)) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }
}
