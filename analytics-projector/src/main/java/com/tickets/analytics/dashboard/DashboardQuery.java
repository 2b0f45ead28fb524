package com.tickets.analytics.dashboard;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import java.util.UUID;

/**
 * Reads the dashboard from the booking facts that are sales ({@code is_sale}: confirmed, not
 * cancelled, not refunded), attributed to their confirmation time and bucketed in UTC, and the
 * organizer's waitlists from {@code waitlist_entries}, counted per tier.
 */
@ApplicationScoped
public class DashboardQuery {

    private static final String SALES = " from booking_facts where is_sale and organizer = ?"
            + " and (cast(? as uuid) is null or concert_id = cast(? as uuid))"
            + " and (cast(? as timestamptz) is null or confirmed_at >= cast(? as timestamptz))"
            + " and (cast(? as timestamptz) is null or confirmed_at < cast(? as timestamptz))";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final AgroalDataSource db;

    DashboardQuery(AgroalDataSource db) {
        this.db = db;
    }

    public Dashboard load(DashboardFilter filter) throws SQLException {
        try (Connection c = db.getConnection()) {
            // one snapshot for the four reads, so the summary, the chart, the tiers and the waitlists agree
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                Dashboard.Summary summary = summary(c, filter);
                Dashboard dashboard = new Dashboard(summary, salesOverTime(c, filter),
                        revenueByTier(c, filter, summary.totalRevenue()), waitlistByTier(c, filter));
                c.commit();
                return dashboard;
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
    }

    private static Dashboard.Summary summary(Connection c, DashboardFilter filter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select coalesce(sum(total_price), 0), coalesce(sum(quantity), 0)" + SALES)) {
            bind(s, 1, filter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Dashboard.Summary(money(rs.getBigDecimal(1)), rs.getLong(2));
            }
        }
    }

    private static List<Dashboard.Sales> salesOverTime(Connection c, DashboardFilter filter) throws SQLException {
        List<Dashboard.Sales> sales = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select date_trunc(?, confirmed_at, 'UTC') as bucket, sum(total_price), sum(quantity)" + SALES
                        + " group by bucket order by bucket")) {
            s.setString(1, filter.period().name());
            bind(s, 2, filter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Instant bucket = rs.getObject(1, OffsetDateTime.class).toInstant();
                    sales.add(new Dashboard.Sales(bucket, money(rs.getBigDecimal(2)), rs.getLong(3)));
                }
            }
        }
        return sales;
    }

    private static List<Dashboard.TierRevenue> revenueByTier(Connection c, DashboardFilter filter, BigDecimal total)
            throws SQLException {
        List<Dashboard.TierRevenue> tiers = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select max(tier_name), max(concert_name), sum(total_price) as revenue" + SALES
                        + " group by ticket_tier_id order by revenue desc, max(tier_name), ticket_tier_id")) {
            bind(s, 1, filter);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    BigDecimal revenue = money(rs.getBigDecimal(3));
                    BigDecimal share = total.signum() == 0 ? money(BigDecimal.ZERO)
                            : revenue.multiply(HUNDRED).divide(total, 2, RoundingMode.HALF_UP);
                    tiers.add(new Dashboard.TierRevenue(rs.getString(1), rs.getString(2), revenue, share));
                }
            }
        }
        return tiers;
    }

    /**
     * Every tier of the organizer's (of the one concert, when filtered) that has waitlist entries: the
     * list as it stands now and its offers so far, whatever the date range (which is about sales). Each
     * count is of entries (an entry gets one offer at most, docs/waitlist.md); the names are those of the
     * tier's most recently named entry, so a renamed tier shows its new name.
     */
    private static List<Dashboard.TierWaitlist> waitlistByTier(Connection c, DashboardFilter filter) throws SQLException {
        List<Dashboard.TierWaitlist> tiers = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select concert_id, ticket_tier_id,
                       (array_agg(concert_name order by names_at desc, concert_name collate "C" desc))[1] as concert,
                       (array_agg(tier_name order by names_at desc, tier_name collate "C" desc))[1] as tier,
                       count(*) filter (where status = 'WAITING'), count(*) filter (where offered),
                       count(*) filter (where claimed), count(*) filter (where expired)
                from waitlist_entries
                where organizer = ? and (cast(? as uuid) is null or concert_id = cast(? as uuid))
                group by concert_id, ticket_tier_id
                order by concert, tier, ticket_tier_id""")) {
            String concert = filter.concertId() == null ? null : filter.concertId().toString();
            s.setString(1, filter.organizer());
            s.setString(2, concert);
            s.setString(3, concert);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long made = rs.getLong(6);
                    long claimed = rs.getLong(7);
                    BigDecimal claimRate = made == 0 ? null
                            : BigDecimal.valueOf(claimed).multiply(HUNDRED).divide(BigDecimal.valueOf(made), 2, RoundingMode.HALF_UP);
                    tiers.add(new Dashboard.TierWaitlist(rs.getObject(1, UUID.class), rs.getString(3),
                            rs.getObject(2, UUID.class), rs.getString(4),
                            new Dashboard.Waitlist(rs.getLong(5), made, claimed, rs.getLong(8), claimRate)));
                }
            }
        }
        return tiers;
    }

    private static void bind(PreparedStatement s, int first, DashboardFilter filter) throws SQLException {
        String concert = filter.concertId() == null ? null : filter.concertId().toString();
        s.setString(first, filter.organizer());
        s.setString(first + 1, concert);
        s.setString(first + 2, concert);
        setInstant(s, first + 3, filter.from());
        setInstant(s, first + 4, filter.from());
        setInstant(s, first + 5, filter.until());
        setInstant(s, first + 6, filter.until());
    }

    private static void setInstant(PreparedStatement s, int index, Instant instant) throws SQLException {
        if (instant == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
