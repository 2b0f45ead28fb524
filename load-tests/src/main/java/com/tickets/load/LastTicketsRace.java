package com.tickets.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last-ticket rush: {@code connections} buyers, each on a connection of its own opened
 * beforehand, released together on a tier with {@code tickets} tickets left, quantity 1 each. Prints
 * per run what they got (201 / 409 sold-out / other), the answer times from the release (p50, p99, the
 * last), and the database's word after: every 201 has its booking, and the tickets still held plus those
 * left add up to the tier: none oversold, none lost. (Payments run meanwhile: a declined one gives its
 * ticket back, which a later buyer of the rush may get, so there can be more 201s than tickets.)
 * Then the medians of the runs. Each run uses a tier of its own, so it can be rerun at will. The
 * {@code warmups} (2) races before them are not counted: the first rush through a JVM, this client's or
 * the server's, runs interpreted code (a first run here was 2-3 times slower than the next ones), and
 * neither a buyer's browser nor a server that has been selling for a minute is that cold.
 *
 * <pre>
 * ./mvnw -q -pl load-tests -Prace package -Drace.args="--connections=1000 --tickets=100 --runs=3"
 *   [--warmups=2] [--base=http://127.0.0.1:8080] [--jdbc=jdbc:postgresql://127.0.0.1:15432/booking_api] [--user=postgres] [--password=postgres]
 *   [--organizer-user=organizer] [--organizer-password=organizer]
 * </pre>
 * Each run's concert is created and published through the organizer API ({@link OrganizerClient}); the
 * database connection only reads the outcome.
 * Start the local stack with rate limits off ({@code BOOKING_RATE_LIMIT_ENABLED=false}): a thousand
 * buyers from one address would otherwise be a thousand requests from one household.
 */
public final class LastTicketsRace {

    private LastTicketsRace() {
    }

    record Run(int created, int soldOut, int other, long p50, long p99, long last, long booked, long left, boolean correct) {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int connections = options.integer("connections", 1000);
        int tickets = options.integer("tickets", 100);
        int runs = options.integer("runs", 3);
        int warmups = options.integer("warmups", 2);
        URI base = URI.create(options.string("base", "http://127.0.0.1:8080"));
        String jdbc = options.string("jdbc", "jdbc:postgresql://127.0.0.1:15432/booking_api");
        String user = options.string("user", "postgres");
        String password = options.string("password", "postgres");
        OrganizerClient organizer = OrganizerClient.of(base, options);

        List<Run> results = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbc, user, password)) {
            for (int warmup = 1; warmup <= warmups; warmup++) {
                Run r = race(base, organizer, db, connections, tickets);
                System.out.printf("warm-up %d (not counted): answers p50 %d ms, p99 %d ms, last %d ms%n", warmup, r.p50(), r.p99(), r.last());
                Thread.sleep(2_000);
            }
            for (int run = 1; run <= runs; run++) {
                Run r = race(base, organizer, db, connections, tickets);
                results.add(r);
                System.out.printf("run %d: %d created, %d sold out, %d other; answers p50 %d ms, p99 %d ms, last %d ms;"
                                + " database: %d booked, %d left -> %s%n", run, r.created(), r.soldOut(), r.other(), r.p50(), r.p99(),
                        r.last(), r.booked(), r.left(), r.correct() ? "adds up, none oversold" : "WRONG");
                Thread.sleep(2_000);
            }
        }
        System.out.printf("RESULT runs=%d connections=%d tickets=%d p50_ms=%d p99_ms=%d last_ms=%d all_correct=%s%n", runs, connections,
                tickets, median(results.stream().map(Run::p50).toList()), median(results.stream().map(Run::p99).toList()),
                median(results.stream().map(Run::last).toList()), results.stream().allMatch(Run::correct));
        System.exit(results.stream().allMatch(Run::correct) ? 0 : 1);
    }

    private static Run race(URI base, OrganizerClient organizer, Connection db, int connections, int tickets) throws Exception {
        UUID tier = organizer.newTier("Race benchmark " + Instant.now(), "Last tickets", tickets, new BigDecimal("10.00"));
        // Vert.x, not java.net.http: the JDK client runs every connection through one selector thread, and
        // 1,000 cached catalogue reads released together through it took p50 244-461 ms on this machine (the
        // server answers that page at ~40,000/s), so it measured itself more than the server
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setKeepAlive(true).setIdleTimeout(0).setConnectTimeout(20_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        try {
            // one connection per buyer, open before the release: as many concurrent reads, each leaving its connection in the pool
            List<Future<?>> warm = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                warm.add(http.request(HttpMethod.GET, "/api/concerts").compose(r -> r.send()).compose(r -> r.body()));
            }
            Future.all(warm).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

            List<Buffer> bodies = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                bodies.add(Buffer.buffer("""
                        {"ticketTierId":"%s","userEmail":"race-%d-%s@example.com","quantity":1,"totalPrice":10.00,"currency":"USD"}"""
                        .formatted(tier, i, tier.toString().substring(0, 8))));
            }
            AtomicInteger created = new AtomicInteger();
            AtomicInteger soldOut = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            List<Long> millis = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch answered = new CountDownLatch(connections);
            long start = System.nanoTime();
            for (Buffer body : bodies) {
                RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/bookings").setTimeout(60_000)
                        .putHeader("Content-Type", "application/json").putHeader("Idempotency-Key", UUID.randomUUID().toString());
                http.request(post).compose(r -> r.send(body)).compose(r -> r.body().map(ignored -> r.statusCode()))
                        .onComplete(result -> {
                            millis.add((System.nanoTime() - start) / 1_000_000);
                            int status = result.succeeded() ? result.result() : -1;
                            (status == 201 ? created : status == 409 ? soldOut : other).incrementAndGet();
                            answered.countDown();
                        });
            }
            if (!answered.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every buyer was answered within 120 s");
            }
            return check(db, tier, tickets, created.get(), soldOut.get(), other.get(), millis);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Run check(Connection db, UUID tier, int tickets, int createdCount, int soldOutCount, int otherCount,
                             List<Long> millis) throws SQLException {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        long booked = SettlementBenchmark.count(db, "select coalesce(sum(quantity), 0) from bookings where ticket_tier_id = ?", tier);
        long left = SettlementBenchmark.count(db, "select available_quantity from ticket_tiers where id = ?", tier);
        // the payment pipeline runs meanwhile: declined bookings are cancelled and their tickets are back
        long held = SettlementBenchmark.count(db, "select coalesce(sum(quantity), 0) from bookings where ticket_tier_id = ?"
                + " and status in ('PENDING', 'CONFIRMED')", tier);
        // every 201 has its booking, and what is held plus what is left is the tier: nothing oversold or lost.
        // More than `tickets` 201s is not an oversell: a declined payment gave its ticket back during the rush
        boolean correct = booked == createdCount && held + left == tickets && createdCount >= tickets;
        return new Run(createdCount, soldOutCount, otherCount, SettlementBenchmark.percentile(sorted, 50), SettlementBenchmark.percentile(sorted, 99),
                SettlementBenchmark.percentile(sorted, 100), booked, left, correct);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
