package com.tickets.load.gatling;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Direct JDBC access to booking-api's database: the simulations create their own concert there
 * (there is no admin API) and read the truth back after the run.
 */
public final class BookingDatabase {

    private BookingDatabase() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(LoadSettings.dbUrl(), LoadSettings.dbUser(), LoadSettings.dbPassword());
    }

    /**
     * A fresh concert with the given tiers, every ticket available. Inserted the way the demo
     * seed does it: a tier that has never changed needs no inventory_audit rows.
     */
    public static Fixture createConcert(String label, List<String> tierNames, int totalPerTier, BigDecimal price) {
        UUID concertId = UUID.randomUUID();
        List<Fixture.Tier> tiers = new ArrayList<>();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement concert = c.prepareStatement("""
                    insert into concerts (id, name, description, location, date)
                    values (?, ?, 'created by a load-tests simulation', 'Loopback Arena', now() + interval '90 days')""")) {
                concert.setObject(1, concertId);
                concert.setString(2, label + " " + Instant.now());
                concert.executeUpdate();
            }
            try (PreparedStatement tier = c.prepareStatement("""
                    insert into ticket_tiers (id, concert_id, name, price, currency, total_quantity, available_quantity)
                    values (?, ?, ?, ?, 'USD', ?, ?)""")) {
                for (String name : tierNames) {
                    UUID id = UUID.randomUUID();
                    tier.setObject(1, id);
                    tier.setObject(2, concertId);
                    tier.setString(3, name);
                    tier.setBigDecimal(4, price);
                    tier.setInt(5, totalPerTier);
                    tier.setInt(6, totalPerTier);
                    tier.executeUpdate();
                    tiers.add(new Fixture.Tier(id, name, price, totalPerTier));
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the test concert in " + LoadSettings.dbUrl(), e);
        }
        return new Fixture(concertId, List.copyOf(tiers));
    }

    /** Bookings of a concert (every status): to compare with what the clients were told. */
    public static long bookingsOf(UUID concertId) {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("select count(*) from bookings where concert_id = ?")) {
            s.setObject(1, concertId);
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
