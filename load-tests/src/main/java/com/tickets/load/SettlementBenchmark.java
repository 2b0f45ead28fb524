package com.tickets.load;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The on-sale end to end: {@code connections} buyers book back to back on a tier of its own for
 * {@code seconds}, then the harness waits until every booking has settled (CONFIRMED, CANCELLED or
 * EXPIRED) and prints what a buyer and an organizer care about:
 * <ul>
 *   <li>accepted/s: 201s per second of load;</li>
 *   <li>settled/s: bookings ÷ time from the first request to the last settlement;</li>
 *   <li>settled ÷ accepted: how much of the front door's rate the pipeline keeps up with;</li>
 *   <li>booking → settled p50/p95/p99 (the booking row's {@code created_at} to its last {@code updated_at});</li>
 *   <li>how many ended CONFIRMED, CANCELLED (declines) and EXPIRED (our own delay: should be 0);</li>
 *   <li>whether PostgreSQL committed durably ({@code fsync}, {@code synchronous_commit}).</li>
 * </ul>
 * Start the local stack with rate limits off and the gateway under test, e.g.
 * {@code BOOKING_RATE_LIMIT_ENABLED=false PAYMENT_GATEWAY_LATENCY=PT0.5S PAYMENT_GATEWAY_DECLINE_RATE=0.2}.
 *
 * <pre>
 * ./mvnw -q -pl load-tests -Psettlement package -Dsettlement.args="--connections=64 --seconds=60"
 *   [--base=http://127.0.0.1:8080] [--jdbc=jdbc:postgresql://127.0.0.1:15432/booking_api] [--user=postgres]
 *   [--password=postgres] [--settle-timeout=900] [--tickets=1000000]
 *   [--organizer-user=organizer] [--organizer-password=organizer]
 * </pre>
 * The concert is created and published through the organizer API ({@link OrganizerClient}); the database
 * connection only reads the outcome.
 */
public final class SettlementBenchmark {

    private SettlementBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int connections = options.integer("connections", 64);
        int seconds = options.integer("seconds", 60);
        URI base = URI.create(options.string("base", "http://127.0.0.1:8080"));
        String jdbc = options.string("jdbc", "jdbc:postgresql://127.0.0.1:15432/booking_api");
        String user = options.string("user", "postgres");
        String password = options.string("password", "postgres");
        long settleTimeout = options.longValue("settle-timeout", 900);
        int tickets = options.integer("tickets", 1000000);

        try (Connection db = DriverManager.getConnection(jdbc, user, password)) {
            String durability = "fsync=" + setting(db, "fsync") + " synchronous_commit=" + setting(db, "synchronous_commit");
            UUID tier = OrganizerClient.of(base, options).newTier("Settlement benchmark " + Instant.now(), "Bench", tickets,
                    new BigDecimal("10.00"));
            System.out.printf("settlement: %d connections for %d s on tier %s; PostgreSQL %s%n", connections, seconds, tier,
                    durability);

            Load load = book(base, tier, connections, seconds);
            System.out.printf("load: %d accepted (%.1f/s), %d sold out, %d other 4xx, %d 5xx, %d errors%n", load.accepted.get(),
                    load.accepted.get() / (double) seconds, load.soldOut.get(), load.other4xx.get(), load.server5xx.get(),
                    load.errors.get());

            Instant deadline = Instant.now().plusSeconds(settleTimeout);
            long pending;
            while ((pending = count(db, "select count(*) from bookings where ticket_tier_id = ? and status = 'PENDING'", tier)) > 0
                    && Instant.now().isBefore(deadline)) {
                System.out.printf("  %d still pending%n", pending);
                Thread.sleep(5_000);
            }
            report(db, tier, load, seconds, pending, durability);
        }
        System.exit(0); // the HTTP client's threads would keep the JVM (and Maven's exec) waiting
    }

    /** What the crowd got. */
    private record Load(Instant firstRequest, AtomicLong accepted, AtomicLong soldOut, AtomicLong other4xx,
                        AtomicLong server5xx, AtomicLong errors) {
    }

    private static Load book(URI base, UUID tier, int connections, int seconds) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(4)).build();
        Load load = new Load(Instant.now(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService buyers = Executors.newFixedThreadPool(connections);
        for (int i = 0; i < connections; i++) {
            buyers.submit(() -> {
                while (System.nanoTime() < end) {
                    String body = """
                            {"ticketTierId":"%s","userEmail":"settle-%s@example.com","quantity":1,"totalPrice":10.00,"currency":"USD"}"""
                            .formatted(tier, UUID.randomUUID().toString().substring(0, 12));
                    try {
                        int status = http.send(HttpRequest.newBuilder(base.resolve("/api/bookings")).timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        (status == 201 ? load.accepted : status == 409 ? load.soldOut : status >= 500 ? load.server5xx
                                : load.other4xx).incrementAndGet();
                    } catch (Exception e) {
                        load.errors.incrementAndGet();
                    }
                }
            });
        }
        buyers.shutdown();
        buyers.awaitTermination(seconds + 120L, java.util.concurrent.TimeUnit.SECONDS);
        return load;
    }

    private static void report(Connection db, UUID tier, Load load, int seconds, long pending, String durability) throws SQLException {
        long confirmed = count(db, "select count(*) from bookings where ticket_tier_id = ? and status = 'CONFIRMED'", tier);
        long cancelled = count(db, "select count(*) from bookings where ticket_tier_id = ? and status = 'CANCELLED'", tier);
        long expired = count(db, "select count(*) from bookings where ticket_tier_id = ? and status = 'EXPIRED'", tier);
        long settled = confirmed + cancelled + expired;
        List<Long> millis = new ArrayList<>();
        Instant lastSettled = load.firstRequest();
        try (var s = db.prepareStatement("""
                select extract(epoch from (updated_at - created_at)) * 1000, updated_at from bookings
                where ticket_tier_id = ? and status <> 'PENDING' order by 1""")) {
            s.setObject(1, tier);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    millis.add(Math.round(rs.getDouble(1)));
                    Instant at = rs.getTimestamp(2).toInstant();
                    if (at.isAfter(lastSettled)) {
                        lastSettled = at;
                    }
                }
            }
        }
        double span = Math.max(0.001, Duration.between(load.firstRequest(), lastSettled).toMillis() / 1000.0);
        double settledPerSecond = settled / span;
        System.out.printf("settled: %d of %d (%d still pending) in %.1f s from the first request: %.1f settled/s%n",
                settled, load.accepted.get(), pending, span, settledPerSecond);
        System.out.printf("outcomes: %d CONFIRMED, %d CANCELLED, %d EXPIRED%n", confirmed, cancelled, expired);
        System.out.printf("booking -> settled: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", percentile(millis, 50),
                percentile(millis, 95), percentile(millis, 99), percentile(millis, 100));
        System.out.printf("RESULT accepted_per_s=%.1f settled_per_s=%.1f settled_over_accepted=%.2f p50_ms=%d p95_ms=%d p99_ms=%d"
                        + " expired=%d pending=%d server_errors=%d %s%n",
                load.accepted.get() / (double) seconds,
                settledPerSecond, settledPerSecond / Math.max(0.001, load.accepted.get() / (double) seconds),
                percentile(millis, 50), percentile(millis, 95), percentile(millis, 99), expired, pending, load.server5xx.get(),
                durability.replace(' ', ','));
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static long count(Connection db, String sql, UUID tier) throws SQLException {
        try (var s = db.prepareStatement(sql)) {
            s.setObject(1, tier);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String setting(Connection db, String name) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
