package com.tickets.system.fault;

import com.tickets.events.EventJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Buyers on threads of their own, each POSTing bookings with a fresh Idempotency-Key, as a real
 * client would: after a failed request (no answer, 5xx) it retries once with the same key, and now
 * and then it sends a successful request again (a double click, a lost response). Runs until
 * {@link #stop()}; what every key was answered with is kept for the invariant checks.
 */
final class BookingLoad {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final Supplier<URI> api;
    private final Tier tier;
    private final long thinkMillis;
    private final List<Thread> buyers = new ArrayList<>();
    private volatile boolean running = true;

    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger replayed = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger serverErrors = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    /** New bookings made after the fault was over: the system serves again by itself. */
    final AtomicInteger createdAfterFault = new AtomicInteger();
    private volatile boolean faultOver;
    /** Idempotency key -> the booking id it was answered with (first 201). */
    final Map<String, String> bookingByKey = new ConcurrentHashMap<>();
    /** Keys answered with two different bookings: an idempotency violation seen by the client. */
    final List<String> keysWithTwoAnswers = new CopyOnWriteArrayList<>();

    private BookingLoad(Supplier<URI> api, Tier tier, Duration thinkTime) {
        this.api = api;
        this.tier = tier;
        this.thinkMillis = thinkTime.toMillis();
    }

    static BookingLoad start(Supplier<URI> api, Tier tier, int buyerCount, Duration thinkTime) {
        BookingLoad load = new BookingLoad(api, tier, thinkTime);
        for (int i = 0; i < buyerCount; i++) {
            int buyer = i;
            Thread t = new Thread(() -> load.buy(buyer), "buyer-" + i);
            t.setDaemon(true);
            load.buyers.add(t);
            t.start();
        }
        return load;
    }

    void faultIsOver() {
        faultOver = true;
    }

    /** Stops the buyers and waits for their last requests (each bounded by the request timeout). */
    void stop() throws InterruptedException {
        running = false;
        for (Thread t : buyers) {
            t.join(Duration.ofSeconds(30).toMillis());
        }
    }

    private void buy(int buyer) {
        Random random = new Random(buyer * 7919L);
        String email = "buyer" + buyer + "@faults.example.com";
        while (running) {
            String key = UUID.randomUUID().toString();
            int quantity = 1 + random.nextInt(3);
            Answer first = send(key, email, quantity);
            if (first == Answer.FAILED) {
                pause(200);
                send(key, email, quantity);
            } else if (first == Answer.CREATED && random.nextDouble() < 0.2) {
                send(key, email, quantity);
            }
            pause(thinkMillis / 2 + (long) (random.nextDouble() * thinkMillis));
        }
    }

    private enum Answer { CREATED, REFUSED, FAILED }

    private Answer send(String key, String email, int quantity) {
        requests.incrementAndGet();
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(api.get().resolve("/api/bookings"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(tier.requestBody(email, quantity))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                String id = EventJson.MAPPER.readTree(r.body()).get("booking").get("id").asText();
                String earlier = bookingByKey.putIfAbsent(key, id);
                if (earlier == null) {
                    created.incrementAndGet();
                    if (faultOver) {
                        createdAfterFault.incrementAndGet();
                    }
                } else {
                    replayed.incrementAndGet();
                    if (!earlier.equals(id)) {
                        keysWithTwoAnswers.add(key + ": " + earlier + " and " + id);
                    }
                }
                return Answer.CREATED;
            }
            if (r.statusCode() >= 500) {
                serverErrors.incrementAndGet();
                return Answer.FAILED;
            }
            refused.incrementAndGet();
            return Answer.REFUSED;
        } catch (IOException e) {
            noAnswer.incrementAndGet();
            return Answer.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return Answer.FAILED;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int successes() {
        return created.get() + replayed.get();
    }

    String describe() {
        return "requests=%d successes=%d (new %d, replayed %d; %d new after the fault) refused=%d 5xx=%d no-answer=%d"
                .formatted(requests.get(), successes(), created.get(), replayed.get(), createdAfterFault.get(), refused.get(),
                        serverErrors.get(), noAnswer.get());
    }
}
