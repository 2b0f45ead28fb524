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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the dashboard from the booking facts that are sales ({@code is_sale}: confirmed, not
 * cancelled, not refunded), attributed to their confirmation time and bucketed on the clocks of one zone
 * ({@link Buckets}; {@link #zone} says which), and the organizer's waitlists from {@code waitlist_entries},
 * counted per tier.
 */
@ApplicationScoped
public class DashboardQuery {

    private static final String SALES = " from booking_facts where is_sale and organizer = ?"
            + " and (cast(? as uuid) is null or concert_id = cast(? as uuid))"
            + " and (cast(? as timestamptz) is null or confirmed_at >= cast(? as timestamptz))"
            + " and (cast(? as timestamptz) is null or confirmed_at < cast(? as timestamptz))";

    /** The region id, not the offset "Z": the id is what the dashboard names and PostgreSQL's zone names include. */
    private static final ZoneId UTC = ZoneId.of("UTC");

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
                ZoneId zone = zone(c, filter);
                DashboardFilter.Range range = filter.range(zone);
                Dashboard.Summary summary = summary(c, filter, range);
                Dashboard dashboard = new Dashboard(summary, salesOverTime(c, filter, range, zone),
                        revenueByTier(c, filter, range, summary.totalRevenue()), waitlistByTier(c, filter), zone.getId());
                c.commit();
                return dashboard;
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * The zone of the buckets: the one the organizer chose; else the venue's of the concert asked for (from
     * the catalogue, only if it is this organizer's); else, for all of an organizer's concerts, their zone if
     * they share one; else UTC, the one zone that favours no venue.
     */
    private static ZoneId zone(Connection c, DashboardFilter filter) throws SQLException {
        if (filter.zone() != null) {
            return filter.zone();
        }
        try (PreparedStatement s = c.prepareStatement(
                "select distinct time_zone from concert_zones where organizer = ?"
                        + " and (cast(? as uuid) is null or concert_id = cast(? as uuid)) limit 2")) {
            String concert = filter.concertId() == null ? null : filter.concertId().toString();
            s.setString(1, filter.organizer());
            s.setString(2, concert);
            s.setString(3, concert);
            List<String> zones = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    zones.add(rs.getString(1));
                }
            }
            // (only zones Java knows are stored: ConcertZones.read)
            return zones.size() == 1 ? ZoneId.of(zones.get(0)) : UTC;
        }
    }

    private static Dashboard.Summary summary(Connection c, DashboardFilter filter, DashboardFilter.Range range)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select coalesce(sum(total_price), 0), coalesce(sum(quantity), 0)" + SALES)) {
            bind(s, 1, filter, range);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Dashboard.Summary(money(rs.getBigDecimal(1)), rs.getLong(2));
            }
        }
    }

    /**
     * Sales per bucket ({@link Buckets}), grouped by the bucket's key in SQL: the local start on the zone's
     * clocks ({@code date_trunc} of the confirmation time at the zone, a timestamp without zone) and, for
     * hours, the offset of the clocks then in seconds (so the repeated hour at the end of summer time is two
     * buckets). The first instant of each is {@link Buckets#start}, and the chart is in that order.
     */
    private static List<Dashboard.Sales> salesOverTime(Connection c, DashboardFilter filter,
                                                       DashboardFilter.Range range, ZoneId zone) throws SQLException {
        List<Dashboard.Sales> sales = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select date_trunc(?, confirmed_at at time zone ?) as local,"
                        + " case when ? then extract(epoch from (confirmed_at at time zone ?) - (confirmed_at at time zone 'UTC'))::int end as offset_seconds,"
                        + " sum(total_price), sum(quantity)" + SALES
                        + " group by local, offset_seconds")) {
            s.setString(1, filter.period().name());
            s.setString(2, zone.getId());
            s.setBoolean(3, filter.period() == Period.hour);
            s.setString(4, zone.getId());
            bind(s, 5, filter, range);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    LocalDateTime local = rs.getObject(1, LocalDateTime.class);
                    int offset = rs.getInt(2);
                    Buckets.Bucket bucket = new Buckets.Bucket(local, rs.wasNull() ? null : ZoneOffset.ofTotalSeconds(offset));
                    sales.add(new Dashboard.Sales(Buckets.start(bucket, zone), local, money(rs.getBigDecimal(3)),
                            rs.getLong(4)));
                }
            }
        }
        sales.sort(java.util.Comparator.comparing(Dashboard.Sales::date));
        return sales;
    }

    private static List<Dashboard.TierRevenue> revenueByTier(Connection c, DashboardFilter filter,
                                                             DashboardFilter.Range range, BigDecimal total)
            throws SQLException {
        List<Dashboard.TierRevenue> tiers = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select max(tier_name), max(concert_name), sum(total_price) as revenue" + SALES
                        + " group by ticket_tier_id order by revenue desc, max(tier_name), ticket_tier_id")) {
            bind(s, 1, filter, range);
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

    private static void bind(PreparedStatement s, int first, DashboardFilter filter, DashboardFilter.Range range)
            throws SQLException {
        String concert = filter.concertId() == null ? null : filter.concertId().toString();
        s.setString(first, filter.organizer());
        s.setString(first + 1, concert);
        s.setString(first + 2, concert);
        setInstant(s, first + 3, range.from());
        setInstant(s, first + 4, range.from());
        setInstant(s, first + 5, range.until());
        setInstant(s, first + 6, range.until());
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
