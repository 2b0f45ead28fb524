package com.tickets.analytics.dashboard;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the dashboard from confirmed booking facts: revenue by confirmation time, in UTC. */
@ApplicationScoped
public class DashboardQuery {

    private final AgroalDataSource db;

    DashboardQuery(AgroalDataSource db) {
        this.db = db;
    }

    public Dashboard load(UUID concertId, Instant from, Instant to, Period period) throws SQLException {
        String where = " where status = 'CONFIRMED' and (?::uuid is null or concert_id = ?::uuid)"
                + " and (?::timestamptz is null or confirmed_at >= ?::timestamptz)"
                + " and (?::timestamptz is null or confirmed_at < ?::timestamptz)";
        try (Connection c = db.getConnection()) {
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            long tickets = 0;
            try (PreparedStatement s = bind(c.prepareStatement(
                    "select coalesce(sum(total_price), 0), coalesce(sum(quantity), 0) from booking_facts" + where),
                    0, concertId, from, to); ResultSet rs = s.executeQuery()) {
                rs.next();
                total = rs.getBigDecimal(1).setScale(2);
                tickets = rs.getLong(2);
            }
            List<Dashboard.Sales> sales = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select date_trunc('" + period.name()
                    + "', confirmed_at at time zone 'UTC') as bucket, sum(total_price), sum(quantity) from booking_facts"
                    + where + " group by bucket order by bucket")) {
                bind(s, 0, concertId, from, to);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Instant bucket = rs.getTimestamp(1).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
                        sales.add(new Dashboard.Sales(bucket, rs.getBigDecimal(2).setScale(2), rs.getLong(3)));
                    }
                }
            }
            List<Dashboard.TierRevenue> tiers = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select tier_name, concert_name, sum(total_price) as revenue"
                    + " from booking_facts" + where + " group by ticket_tier_id, tier_name, concert_name order by revenue desc, tier_name")) {
                bind(s, 0, concertId, from, to);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        BigDecimal revenue = rs.getBigDecimal(3).setScale(2);
                        BigDecimal share = total.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                                : revenue.multiply(BigDecimal.valueOf(100)).divide(total, 2, RoundingMode.HALF_UP);
                        tiers.add(new Dashboard.TierRevenue(rs.getString(1), rs.getString(2), revenue, share));
                    }
                }
            }
            return new Dashboard(new Dashboard.Summary(total, tickets), sales, tiers);
        }
    }

    private static PreparedStatement bind(PreparedStatement s, int offset, UUID concertId, Instant from, Instant to)
            throws SQLException {
        String concert = concertId == null ? null : concertId.toString();
        Timestamp start = from == null ? null : Timestamp.from(from);
        Timestamp end = to == null ? null : Timestamp.from(to);
        s.setString(offset + 1, concert);
        s.setString(offset + 2, concert);
        s.setTimestamp(offset + 3, start);
        s.setTimestamp(offset + 4, start);
        s.setTimestamp(offset + 5, end);
        s.setTimestamp(offset + 6, end);
        return s;
    }
}
