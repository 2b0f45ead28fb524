package com.tickets.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.parsetools.RecordParser;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SSE fan-out benchmark against a running booking-api (the local stack): opens N subscribers to
 * {@code /api/concerts/stream?concertId=} for one tier, then makes a burst of bookings on that tier
 * and measures, per delivered {@code availability} event, the delay from the change's timestamp
 * ({@code at}, taken in the booking transaction) to its arrival at the subscriber: commit, outbox
 * relay, Kafka, the replica's consumer, coalescing and the socket write, end to end.
 *
 * <p>A hand-written harness rather than Gatling: Gatling times request/response pairs, while this
 * measures server push delay from a timestamp inside the pushed message, for thousands of
 * long-lived connections held by one non-blocking Vert.x client.
 *
 * <p>Arguments: {@code --base=http://localhost:8080 --management=http://localhost:9080 --subscribers=5000 --bookings=500
 * --warmup-bookings=50 --tickets=100000 --organizer-user=organizer --organizer-password=organizer}, and
 * {@code --tier=<ticket tier id>} for a tier of the catalogue. Without {@code --tier}, each run creates and
 * publishes a concert with one fresh tier of {@code tickets} tickets at 10.00 USD through the organizer API
 * ({@link OrganizerClient}).
 */
public final class SseBenchmark {

    /** Exact decimals, so a price of 10.00 is sent back as 10.00 (not 10.0). */
    private static final ObjectMapper JSON = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    public static void main(String[] args) throws Exception {
        Options a = Options.parse(args);
        URI base = URI.create(a.string("base", "http://localhost:8080"));
        // health and metrics are on booking-api's management interface (9080 in the local stack)
        URI management = URI.create(a.string("management", "http://localhost:9080"));
        int subscribers = a.integer("subscribers", 5000);
        int bookings = a.integer("bookings", 500);
        int warmupBookings = a.integer("warmup-bookings", 50);

        String tierId;
        String concertId;
        BigDecimal price;
        if (a.has("tier")) {
            JsonNode tier = findTier(base, a.string("tier", null));
            tierId = tier.get("id").asText();
            concertId = tier.get("concertId").asText();
            price = tier.get("price").decimalValue();
            int startQuantity = tier.get("availableQuantity").asInt();
            if (startQuantity < bookings + warmupBookings) {
                throw new IllegalStateException("tier has only " + startQuantity + " left; leave out --tier for a fresh one");
            }
        } else {
            // a fresh tier per run, so that the run can be repeated and never meets a tier another run emptied
            OrganizerClient.Concert concert = OrganizerClient.of(base, a).createPublished("SSE benchmark " + Instant.now(),
                    List.of("General Admission"), a.integer("tickets", 100_000), new BigDecimal("10.00"));
            tierId = concert.onlyTier().id().toString();
            concertId = concert.id().toString();
            price = concert.onlyTier().price();
        }
        System.out.printf("tier %s of concert %s%n", tierId, concertId);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setKeepAlive(true).setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(subscribers + 10));

        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        // each subscriber's latest value: declined payments give tickets back meanwhile, so the final value
        // is not the start minus the bookings but what the tier says once the changes have stopped
        int[] lastSeen = new int[subscribers];
        Map<String, Change> changes = new ConcurrentHashMap<>();
        Arrays.fill(lastSeen, Integer.MIN_VALUE);
        AtomicLong lastEventAt = new AtomicLong(System.nanoTime());
        AtomicLong delivered = new AtomicLong();
        long[] latencies = new long[subscribers * 64];
        AtomicInteger latencyCount = new AtomicInteger();

        long connectStart = System.nanoTime();
        for (int i = 0; i < subscribers; i++) {
            int index = i;
            client.request(HttpMethod.GET, "/api/concerts/stream?concertId=" + concertId).compose(req -> {
                req.putHeader("Accept", "text/event-stream");
                return req.send();
            }).onSuccess(resp -> {
                if (resp.statusCode() != 200) {
                    // e.g. 429: more streams from this address than booking-api allows one client
                    // (availability.sse.max-streams-per-client); start the stack with a higher limit
                    failed.incrementAndGet();
                    return;
                }
                connected.incrementAndGet();
                RecordParser parser = RecordParser.newDelimited("\n\n", frame -> {
                    String text = frame.toString();
                    if (!text.contains("event: availability")) {
                        return;
                    }
                    String data = text.substring(text.indexOf("data: ") + 6);
                    // the server sends one change as the same bytes to every subscriber: parse each once, so the
                    // client's own CPU (on the same 2 cores as the server) does not become the delay it measures
                    Change change = changes.computeIfAbsent(data, d -> Change.of(read(d), tierId));
                    if (changes.size() > 100_000) {
                        changes.clear();
                    }
                    if (!change.ofThisTier()) {
                        return;
                    }
                    long delayMicros = ChronoUnit.MICROS.between(change.at(), Instant.now());
                    int slot = latencyCount.getAndIncrement();
                    if (slot < latencies.length) {
                        latencies[slot] = delayMicros;
                    }
                    delivered.incrementAndGet();
                    lastSeen[index] = change.availableQuantity();
                    lastEventAt.set(System.nanoTime());
                });
                resp.handler(parser);
            }).onFailure(t -> failed.incrementAndGet());
            if (i % 500 == 499) {
                Thread.sleep(100); // do not flood the accept queue
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (connected.get() + failed.get() < subscribers && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        System.out.printf("subscribers connected: %d, failed: %d, in %d ms%n", connected.get(), failed.get(),
                (System.nanoTime() - connectStart) / 1_000_000);
        Thread.sleep(2000);
        System.out.println("server heap after connecting: " + heapUsed(management));

        // a first burst that is not counted: the first changes through this client's fresh JVM (and the server's
        // fan-out path) run interpreted code, and a delay measured then is this harness's warm-up, not the server
        if (warmupBookings > 0) {
            burst(base, tierId, price, warmupBookings);
            Thread.sleep(3000);
            latencyCount.set(0);
            delivered.set(0);
            System.out.printf("warm-up burst of %d bookings done (not counted)%n", warmupBookings);
        }
        long burstStart = System.nanoTime();
        int ok = burst(base, tierId, price, bookings);
        System.out.printf("bookings: %d of %d succeeded in %d ms%n", ok, bookings, (System.nanoTime() - burstStart) / 1_000_000);

        lastEventAt.set(System.nanoTime());
        // quiet for 3 s (payments settled, the catalog's 1 s cache renewed): then every subscriber should hold the tier's value
        deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() - lastEventAt.get() < Duration.ofSeconds(3).toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        int truth = tierOf(base, concertId, tierId).get("availableQuantity").asInt();
        int holdingIt = 0;
        synchronized (lastSeen) {
            for (int value : lastSeen) {
                holdingIt += value == truth ? 1 : 0;
            }
        }
        System.out.printf("subscribers holding the tier's final value %d: %d of %d (%d ms after the burst started)%n",
                truth, holdingIt, connected.get(), (System.nanoTime() - burstStart) / 1_000_000);
        int n = Math.min(latencyCount.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        if (n > 0) {
            System.out.printf("availability events delivered: %d (%.1f per subscriber); delay commit -> subscriber: "
                            + "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", delivered.get(),
                    delivered.get() / (double) Math.max(1, connected.get()), sorted[n / 2] / 1000,
                    sorted[(int) (n * 0.95)] / 1000, sorted[(int) (n * 0.99)] / 1000, sorted[n - 1] / 1000);
        }
        System.out.println("server heap at the end: " + heapUsed(management));
        client.close();
        vertx.close();
    }

    /** {@code count} single-ticket bookings on the tier from 32 threads; how many got their 201. */
    private static int burst(URI base, String tierId, BigDecimal price, int count) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(pool.submit(() -> http.send(HttpRequest.newBuilder(base.resolve("/api/bookings"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"ticketTierId":"%s","userEmail":"bench@example.com","quantity":1,"totalPrice":%s,"currency":"USD"}"""
                            .formatted(tierId, price.toPlainString()))).build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
        }
        int ok = 0;
        for (Future<Integer> f : results) {
            ok += f.get() == 201 ? 1 : 0;
        }
        pool.shutdown();
        return ok;
    }

    /** One {@code availability} event as the subscribers see it. */
    private record Change(boolean ofThisTier, Instant at, int availableQuantity) {
        static Change of(JsonNode json, String tierId) {
            return new Change(json.get("ticketTierId").asText().equals(tierId), Instant.parse(json.get("at").asText()),
                    json.get("availableQuantity").asInt());
        }
    }

    private static JsonNode findTier(URI base, String tierId) throws Exception {
        JsonNode concerts = read(java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/api/concerts")).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode c : concerts.get("concerts")) {
            for (JsonNode t : c.get("ticketTiers")) {
                if (t.get("id").asText().equals(tierId)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("no tier " + tierId);
    }

    /** The tier as the concert's own page shows it (not the catalogue, which lists only the concerts still to come). */
    private static JsonNode tierOf(URI base, String concertId, String tierId) throws Exception {
        JsonNode concert = read(java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/api/concerts/" + concertId)).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode t : concert.get("concert").get("ticketTiers")) {
            if (t.get("id").asText().equals(tierId)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no tier " + tierId + " in concert " + concertId);
    }

    private static String heapUsed(URI management) throws Exception {
        String metrics = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(management.resolve("/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        double used = metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        return String.format("%.0f MiB", used / 1024 / 1024);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
