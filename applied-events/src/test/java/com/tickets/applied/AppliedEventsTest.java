package com.tickets.applied;

import com.tickets.applied.AppliedEvents.Applied;
import com.tickets.infra.Infrastructure;
import com.tickets.infra.Infrastructure.Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class AppliedEventsTest {

    private static Database db;

    @BeforeAll
    static void table() throws SQLException {
        db = Infrastructure.freshDatabase("applied_events");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("""
                    create table applied_events (
                        event_id   uuid primary key,
                        type       varchar(255) not null,
                        outcome    varchar(32),
                        applied_at timestamptz  not null default now())""");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }

    @Test
    void aBatchTellsTheNewIdsFromTheRedeliveredOnes() throws SQLException {
        UUID old = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        try (Connection c = connect()) {
            assertThat(AppliedEvents.recordNew(c, Applied.of(old, "BookingCreated"))).isTrue();
            Set<UUID> recorded = AppliedEvents.recordNew(c, List.of(Applied.of(old, "BookingCreated"),
                    new Applied(fresh, "PaymentSucceeded", "charged"), Applied.of(fresh, "PaymentSucceeded")));
            assertThat(recorded).containsExactly(fresh);
            assertThat(AppliedEvents.appliedAmong(c, List.of(old, fresh, UUID.randomUUID()))).containsExactlyInAnyOrder(old, fresh);
            assertThat(AppliedEvents.isApplied(c, UUID.randomUUID())).isFalse();
        }
    }

    @Test
    void aRolledBackBatchRecordsNothing() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            assertThat(AppliedEvents.recordNew(c, Applied.of(id, "BookingConfirmed"))).isTrue();
            c.rollback();
            assertThat(AppliedEvents.isApplied(c, id)).isFalse();
        }
    }

    @Test
    void overlappingBatchesRacingEachOtherApplyEveryEventExactlyOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(UUID.randomUUID());
        }
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        Set<UUID> claimed = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> claims = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
            int from = r * 20; // each batch overlaps the next ones
            claims.add(pool.submit(() -> {
                try (Connection c = connect()) {
                    c.setAutoCommit(false);
                    List<Applied> batch = ids.subList(from, from + 60).stream().map(id -> Applied.of(id, "E")).toList();
                    start.await();
                    Set<UUID> mine = AppliedEvents.recordNew(c, batch);
                    c.commit();
                    mine.forEach(id -> assertThat(claimed.add(id)).as("claimed twice: %s", id).isTrue());
                    return mine.size();
                }
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : claims) {
            total += f.get();
        }
        pool.shutdown();
        assertThat(total).isEqualTo(claimed.size()).isEqualTo(7 * 20 + 60);
    }
}
