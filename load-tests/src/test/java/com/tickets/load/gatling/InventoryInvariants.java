package com.tickets.load.gatling;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold in the booking database after any run, whatever the load did: checked over every
 * tier (not only the run's own), because an oversold tier anywhere is a bug.
 * <ul>
 *   <li>nothing oversold: held (PENDING) + sold (CONFIRMED) + available = total, available &ge; 0;</li>
 *   <li>the audit trail agrees: total + sum(delta) = available, leaving out an organizer's changes of the
 *       total ({@code CAPACITY_CHANGED}), which move the total and the available tickets alike;</li>
 *   <li>no idempotency key booked twice.</li>
 * </ul>
 */
public final class InventoryInvariants {

    private static final String OVERSOLD = """
            select t.id, t.total_quantity, t.available_quantity, coalesce(b.taken, 0) as taken
            from ticket_tiers t
            left join (select ticket_tier_id, sum(quantity) as taken from bookings
                       where status in ('PENDING', 'CONFIRMED') group by ticket_tier_id) b
                   on b.ticket_tier_id = t.id
            where t.available_quantity < 0 or coalesce(b.taken, 0) + t.available_quantity <> t.total_quantity""";

    private static final String AUDIT_DISAGREES = """
            select t.id, t.total_quantity, t.available_quantity, coalesce(a.delta, 0) as delta
            from ticket_tiers t
            left join (select ticket_tier_id, sum(delta) as delta from inventory_audit
                          where reason <> 'CAPACITY_CHANGED' group by ticket_tier_id) a
                   on a.ticket_tier_id = t.id
            where t.total_quantity + coalesce(a.delta, 0) <> t.available_quantity""";

    private static final String KEY_BOOKED_TWICE = """
            select idempotency_key, count(*) as bookings from bookings
            group by idempotency_key having count(*) > 1""";

    private InventoryInvariants() {
    }

    /** Every violation as a readable line; empty when all holds. */
    public static List<String> violations() {
        List<String> violations = new ArrayList<>();
        try (Connection c = BookingDatabase.connect(); Statement s = c.createStatement()) {
            // one snapshot for all three queries: bookings keep being confirmed/expired meanwhile
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (ResultSet rs = s.executeQuery(OVERSOLD)) {
                while (rs.next()) {
                    violations.add("tier %s does not add up (oversold or tickets lost): total %d, available %d, held+sold %d".formatted(
                            rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getLong(4)));
                }
            }
            try (ResultSet rs = s.executeQuery(AUDIT_DISAGREES)) {
                while (rs.next()) {
                    violations.add("tier %s: audit says %d available, the tier says %d".formatted(
                            rs.getString(1), rs.getInt(2) + rs.getLong(4), rs.getInt(3)));
                }
            }
            try (ResultSet rs = s.executeQuery(KEY_BOOKED_TWICE)) {
                while (rs.next()) {
                    violations.add("idempotency key %s booked %d times".formatted(rs.getString(1), rs.getLong(2)));
                }
            }
            c.rollback();
        } catch (SQLException e) {
            violations.add("could not check the database " + LoadSettings.dbUrl() + ": " + e.getMessage());
        }
        return violations;
    }
}
