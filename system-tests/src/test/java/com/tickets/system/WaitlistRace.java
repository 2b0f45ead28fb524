package com.tickets.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.events.EventJson;
import com.tickets.events.signing.BuyerTokens;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A crowd on one tier across two API replicas: public buyers, buyers who cancel, waitlisted buyers who claim
 * their offers, let them run out or leave, and a watcher that checks, in one snapshot at a time while it all
 * runs, that no ticket is counted twice. Its numbers are what {@code TwoReplicasIT} asserts on.
 */
final class WaitlistRace {

    /** The dev profile's buyer-access key, which the services of these tests run with: the test plays the mailer. */
    private static final BuyerTokens TOKENS = new BuyerTokens("dev-only-booking-access-secret-not-for-production");

    private final List<URI> replicas;
    private final String jdbcUrl;
    private final Http.Tier tier;

    final AtomicInteger publicBooked = new AtomicInteger();
    final AtomicInteger publicRefused = new AtomicInteger();
    final AtomicInteger joined = new AtomicInteger();
    final AtomicInteger claimed = new AtomicInteger();
    final AtomicInteger letExpire = new AtomicInteger();
    final AtomicInteger left = new AtomicInteger();
    final AtomicInteger snapshots = new AtomicInteger();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    final Map<String, String> claimedBookings = new ConcurrentHashMap<>();
    /** When the last cancel was sent: after that, only offers running out bring tickets back. */
    private final AtomicReference<Instant> cancelsDone = new AtomicReference<>();
    private final Duration settle;

    /** {@code settle}: how long a waiting buyer still waits for an offer once the cancels are over. */
    WaitlistRace(List<URI> replicas, String jdbcUrl, Http.Tier tier, Duration settle) {
        this.settle = settle;
        this.replicas = replicas;
        this.jdbcUrl = jdbcUrl;
        this.tier = tier;
    }

    @Override
    public String toString() {
        return "%d public bookings (%d refused), %d joined the waitlist, %d claims, %d offers left to run out, %d left, %d snapshots"
                .formatted(publicBooked.get(), publicRefused.get(), joined.get(), claimed.get(), letExpire.get(), left.get(),
                        snapshots.get());
    }

    void run(int publicBuyers, int waitlisted, int cancels, Duration bound) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        // the waiting buyers and the canceller have threads of their own: they wait on each other
        ExecutorService waiting = Executors.newFixedThreadPool(waitlisted);
        ExecutorService canceller = Executors.newSingleThreadExecutor();
        AtomicBoolean racing = new AtomicBoolean(true);
        Future<?> watcher = Executors.newSingleThreadExecutor().submit(() -> watch(racing));
        List<String> booked = new CopyOnWriteArrayList<>();
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < publicBuyers; i++) {
            int n = i;
            work.add(pool.submit(() -> {
                int quantity = 1 + n % 3;
                HttpResponse<String> r = post(replica(n), "/api/bookings", UUID.randomUUID().toString(), """
                        {"ticketTierId":"%s","userEmail":"public%d@example.com","quantity":%d,"totalPrice":%s,"currency":"USD"}"""
                        .formatted(tier.tierId(), n, quantity, total(quantity)));
                if (r.statusCode() == 201) {
                    publicBooked.incrementAndGet();
                    JsonNode body = EventJson.MAPPER.readTree(r.body());
                    booked.add(body.get("booking").get("id").asText() + " " + body.get("accessToken").asText());
                } else if (r.statusCode() == 409) {
                    publicRefused.incrementAndGet();
                } else {
                    unexpected.add("public booking " + r.statusCode() + " " + r.body());
                }
                return null;
            }));
            if (i == publicBuyers / 3) {
                // the waitlisted crowd arrives once the first third is under way
                for (int w = 0; w < waitlisted; w++) {
                    int m = w;
                    work.add(waiting.submit(() -> waitlisted(m, racing)));
                }
            }
        }
        // cancels give tickets back while everybody races
        Future<?> cancelling = canceller.submit(() -> {
            int done = 0;
            while (done < cancels && racing.get()) {
                if (booked.isEmpty()) {
                    Thread.sleep(20);
                    continue;
                }
                String[] booking = booked.remove(ThreadLocalRandom.current().nextInt(booked.size())).split(" ");
                HttpResponse<String> r;
                int attempts = 0;
                do { // cancelling again is harmless: a 503 is simply sent again
                    if (attempts++ > 0) {
                        Thread.sleep(500);
                    }
                    r = Http.CLIENT.send(HttpRequest.newBuilder(replica(done).resolve("/api/bookings/" + booking[0] + "/cancel"))
                            .header("Authorization", "Bearer " + booking[1]).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
                } while (r.statusCode() == 503 && attempts < 20);
                if (r.statusCode() != 200) {
                    unexpected.add("cancel " + r.statusCode() + " " + r.body());
                }
                done++;
                Thread.sleep(15);
            }
            cancelsDone.set(Instant.now());
            return null;
        });
        for (Future<?> f : work) {
            f.get(bound.toSeconds(), TimeUnit.SECONDS);
        }
        cancelling.get(bound.toSeconds(), TimeUnit.SECONDS);
        racing.set(false);
        watcher.get(30, TimeUnit.SECONDS);
        pool.shutdownNow();
        waiting.shutdownNow();
        canceller.shutdownNow();
    }

    /** Joins once the tier is sold out, then claims its offer, lets it run out, or leaves, by its number. */
    private Void waitlisted(int n, AtomicBoolean racing) throws Exception {
        String email = "waiting" + n + "@example.com";
        int quantity = 1 + n % 2;
        URI api = replica(n);
        JsonNode entry = null;
        while (entry == null && racing.get()) {
            HttpResponse<String> r = post(api, "/api/waitlist", "join-" + n + "-" + tier.tierId(), """
                    {"ticketTierId":"%s","userEmail":"%s","quantity":%d}""".formatted(tier.tierId(), email, quantity));
            if (r.statusCode() == 201) {
                entry = EventJson.MAPPER.readTree(r.body());
            } else if (r.statusCode() == 409 && r.body().contains("tickets-available")) {
                Thread.sleep(50); // not sold out yet
            } else {
                unexpected.add("join " + r.statusCode() + " " + r.body());
                return null;
            }
        }
        if (entry == null) {
            return null;
        }
        joined.incrementAndGet();
        String id = entry.get("entry").get("id").asText();
        String token = entry.get("accessToken").asText();
        while (cancelsDone.get() == null || Instant.now().isBefore(cancelsDone.get().plus(settle))) {
            HttpResponse<String> r = Http.CLIENT.send(HttpRequest.newBuilder(replica(n + 1).resolve("/api/waitlist/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 503) {
                Thread.sleep(500);
                continue;
            }
            String status = EventJson.MAPPER.readTree(r.body()).get("entry").get("status").asText();
            if (status.equals("OFFERED")) {
                return onOffer(n, id, token, quantity);
            }
            if (!status.equals("WAITING")) {
                return null;
            }
            if (n % 10 == 9 && ThreadLocalRandom.current().nextInt(20) == 0) {
                leave(api, id, token); // tired of waiting
                return null;
            }
            Thread.sleep(500);
        }
        return null;
    }

    private Void onOffer(int n, String id, String token, int quantity) throws Exception {
        switch (n % 4) {
            case 0, 1 -> {
                String key = "claim-" + id;
                HttpResponse<String> r = post(replica(n), "/api/waitlist/offers/" + TOKENS.waitlistOfferToken(UUID.fromString(id))
                        + "/claim", key, """
                        {"totalPrice":%s,"currency":"USD"}""".formatted(total(quantity)));
                if (r.statusCode() == 201) {
                    claimed.incrementAndGet();
                    claimedBookings.put(id, EventJson.MAPPER.readTree(r.body()).get("booking").get("id").asText());
                } else if (r.statusCode() != 410) { // the window is short here: a late claim is refused, not an error
                    unexpected.add("claim " + r.statusCode() + " " + r.body());
                }
            }
            case 2 -> letExpire.incrementAndGet();
            default -> leave(replica(n + 1), id, token);
        }
        return null;
    }

    private void leave(URI api, String id, String token) throws Exception {
        HttpResponse<String> r;
        int attempts = 0;
        do {
            if (attempts++ > 0) {
                Thread.sleep(500);
            }
            r = Http.CLIENT.send(HttpRequest.newBuilder(api.resolve("/api/waitlist/" + id))
                    .header("Authorization", "Bearer " + token).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        } while (r.statusCode() == 503 && attempts < 20); // leaving again is harmless
        if (r.statusCode() != 200) {
            unexpected.add("leave " + r.statusCode() + " " + r.body());
        } else {
            left.incrementAndGet();
        }
    }

    /** In one snapshot at a time: the tier's tickets add up, and what is offered is exactly what the offers hold. */
    private Void watch(AtomicBoolean racing) throws Exception {
        try (var c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            do {
                violations.addAll(check(c, tier.tierId()));
                c.commit();
                snapshots.incrementAndGet();
                Thread.sleep(50);
            } while (racing.get());
        }
        return null;
    }

    /** Each invariant that does not hold in the connection's snapshot, in words. */
    static List<String> check(Connection c, UUID tierId) throws Exception {
        List<String> broken = new ArrayList<>();
        try (var s = c.prepareStatement("""
                select t.total_quantity, t.available_quantity, t.offered_quantity,
                       coalesce((select sum(quantity) from bookings b where b.ticket_tier_id = t.id
                                 and b.status in ('PENDING', 'CONFIRMED')), 0),
                       coalesce((select sum(quantity) from waitlist_entries e where e.ticket_tier_id = t.id
                                 and e.status = 'OFFERED'), 0),
                       t.total_quantity + coalesce((select sum(delta) from inventory_audit a where a.ticket_tier_id = t.id
                                 and a.reason <> 'CAPACITY_CHANGED'), 0),
                       -coalesce((select sum(delta) from inventory_audit a where a.ticket_tier_id = t.id
                                 and a.reason in ('OFFERED', 'OFFER_RETURNED')), 0),
                       (select count(*) from (select waitlist_entry_id from inventory_audit a where a.ticket_tier_id = t.id
                                 and a.reason = 'OFFERED' group by waitlist_entry_id having count(*) > 1) twice)
                from ticket_tiers t where t.id = ?""")) {
            s.setObject(1, tierId);
            try (var rs = s.executeQuery()) {
                rs.next();
                int total = rs.getInt(1), available = rs.getInt(2), offered = rs.getInt(3), live = rs.getInt(4);
                int held = rs.getInt(5), audited = rs.getInt(6), auditedOffered = rs.getInt(7), offeredTwice = rs.getInt(8);
                if (available + offered + live != total) {
                    broken.add("available %d + offered %d + booked %d != total %d".formatted(available, offered, live, total));
                }
                if (held != offered) {
                    broken.add("offers hold %d tickets but the tier counts %d offered".formatted(held, offered));
                }
                if (audited != available) {
                    broken.add("the audit recomputes availability %d, the tier has %d".formatted(audited, available));
                }
                if (auditedOffered != offered) {
                    broken.add("the audit recomputes %d offered, the tier has %d".formatted(auditedOffered, offered));
                }
                if (offeredTwice > 0) {
                    broken.add(offeredTwice + " entries were offered tickets twice");
                }
            }
        }
        return broken;
    }

    private URI replica(int n) {
        return replicas.get(Math.floorMod(n, replicas.size()));
    }

    private String total(int quantity) {
        return tier.price().multiply(BigDecimal.valueOf(quantity)).toPlainString();
    }

    /**
     * Sends until the answer is definitive, as a client told to retry would: a 503 applied nothing or its
     * Idempotency-Key finds what it did.
     */
    private static HttpResponse<String> post(URI api, String path, String key, String json) throws Exception {
        HttpResponse<String> r;
        int attempts = 0;
        do {
            if (attempts++ > 0) {
                Thread.sleep(500);
            }
            r = Http.CLIENT.send(HttpRequest.newBuilder(api.resolve(path)).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } while (r.statusCode() == 503 && attempts < 20);
        return r;
    }
}
