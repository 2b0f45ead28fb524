package com.tickets.load.gatling;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Direct JDBC access to booking-api's database, read-only: the simulations read the truth back after
 * the run (their concerts are created through the organizer API, {@link LoadSettings#organizer()}).
 */
public final class BookingDatabase {

    private BookingDatabase() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(LoadSettings.dbUrl(), LoadSettings.dbUser(), LoadSettings.dbPassword());
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
