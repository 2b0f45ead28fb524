package com.tickets.applied;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The ids of the events a consumer has applied, in its own database ({@code applied_events}: event
 * id, type, an optional outcome, when). Every consumer in the system is at-least-once in and exactly
 * once in effect: it records an event's id in the same transaction as the changes the event causes,
 * and an id it finds already recorded is a redelivery that changes nothing.
 *
 * <p>Plain JDBC on the caller's connection, so the record joins whatever transaction the caller runs
 * (a JTA transaction, or {@code setAutoCommit(false)}) and each service keeps its own transaction
 * style. One statement whatever the batch's size: a batch of 500 events costs one round trip, not 500.
 *
 * <p>The table, created by each service's own migration:
 * <pre>
 * create table applied_events (
 *     event_id   uuid primary key,
 *     type       varchar(255) not null,
 *     outcome    varchar(32),
 *     applied_at timestamptz  not null default now()
 * );
 * </pre>
 */
public final class AppliedEvents {

    /** An event as recorded: its id, its type and, where the consumer keeps one, what came of it. */
    public record Applied(UUID eventId, String type, String outcome) {
        public Applied {
            if (eventId == null || type == null) {
                throw new IllegalArgumentException("an applied event needs an id and a type");
            }
        }

        public static Applied of(UUID eventId, String type) {
            return new Applied(eventId, type, null);
        }
    }

    private AppliedEvents() {
    }

    /**
     * Records the events (in the caller's transaction) and returns the ids recorded now for the first
     * time; every other id was applied before, or by a concurrent transaction that committed first (the
     * insert waits for it on the primary key). An id repeated in {@code events} is recorded once, with
     * its first occurrence's type and outcome.
     */
    public static Set<UUID> recordNew(Connection c, Collection<Applied> events) throws SQLException {
        if (events.isEmpty()) {
            return Set.of();
        }
        Map<UUID, Applied> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(e.eventId(), e));
        int n = byId.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] outcomes = new String[n];
        int i = 0;
        for (Applied e : byId.values()) {
            ids[i] = e.eventId().toString();
            types[i] = e.type();
            outcomes[i] = e.outcome();
            i++;
        }
        Set<UUID> fresh = new HashSet<>();
        // in the callers' order, so that two transactions recording overlapping batches take the
        // primary key's locks in the same order
        try (PreparedStatement s = c.prepareStatement("""
                insert into applied_events (event_id, type, outcome)
                select e.id::uuid, e.type, e.outcome
                from unnest(?::text[], ?::text[], ?::text[]) with ordinality as e(id, type, outcome, ord)
                order by e.ord
                on conflict do nothing
                returning event_id""")) {
            s.setArray(1, c.createArrayOf("text", ids));
            s.setArray(2, c.createArrayOf("text", types));
            s.setArray(3, c.createArrayOf("text", outcomes));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return fresh;
    }

    /** Records one event; true if it had not been applied before. */
    public static boolean recordNew(Connection c, Applied event) throws SQLException {
        return !recordNew(c, List.of(event)).isEmpty();
    }

    /** Which of {@code ids} are recorded (one statement): a cheap look before work that is not transactional. */
    public static Set<UUID> appliedAmong(Connection c, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return Set.of();
        }
        Set<UUID> applied = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("select event_id from applied_events where event_id = any(?::uuid[])")) {
            s.setArray(1, c.createArrayOf("text", ids.stream().map(UUID::toString).toArray(String[]::new)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    applied.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return applied;
    }

    /** Whether one event is recorded. */
    public static boolean isApplied(Connection c, UUID id) throws SQLException {
        return !appliedAmong(c, List.of(id)).isEmpty();
    }
}
