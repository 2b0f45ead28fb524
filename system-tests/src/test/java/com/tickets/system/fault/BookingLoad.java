package com.tickets.system.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.events.EventJson;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An on-sale crowd: {@code buyers} buyers, each booking again the moment it has its answer (no think time),
 * so the crowd books as fast as the stack answers, optionally paced to at most {@code maxRate} new
 * purchases a second. Non-blocking (Vert.x: two event loops, a connection per buyer and replica), so the
 * generator costs callbacks, not a thread per request — the JDK client's single selector thread was the
 * bottleneck at these rates.
 *
 * <p>Each purchase has a fresh Idempotency-Key and behaves like a real client: after a failure (no
 * answer, a timeout, a 5xx) it retries with the same key, up to {@link #TRIES} tries with growing pauses
 * (about 12 s in all), each time on the next replica (what a load balancer does with a dead pod); and {@code doubleSendShare} of the successful ones
 * are sent again with the same key (a double click, a lost response), which must name the same booking.
 * What every key was answered with is kept for the invariants.
 */
final class BookingLoad {

    static final int TRIES = 8;
    private static final long REQUEST_TIMEOUT_MS = 10_000;

    private final Supplier<List<URI>> replicas;
    private final Tier tier;
    private final double doubleSendShare;
    private final int maxRate;
    private final Vertx vertx;
    private final Map<URI, HttpClient> clients = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong purchases = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    private volatile long stoppedNanos;

    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger replayed = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger serverErrors = new AtomicInteger();
    final AtomicInteger noAnswer = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger doubleSends = new AtomicInteger();
    /** Purchases whose every try failed: the buyer gave up on that key (its booking may still exist). */
    final AtomicInteger abandoned = new AtomicInteger();
    /** New bookings while the fault was on, and after it was over: the system serves again by itself. */
    final AtomicInteger createdDuringFault = new AtomicInteger();
    final AtomicInteger createdAfterFault = new AtomicInteger();
    private volatile long faultStartNanos;
    private volatile long faultEndNanos;
    private volatile int phase; // 0 before, 1 during, 2 after the fault
    /** Idempotency key -> the booking id it was answered with (first 201). */
    final Map<String, String> bookingByKey = new ConcurrentHashMap<>();
    /** Keys answered with two different bookings: an idempotency violation seen by the client. */
    final List<String> keysWithTwoAnswers = new CopyOnWriteArrayList<>();
    /** 201s per replica, in the order of {@link #replicas} at the start (what each one served). */
    final Map<URI, AtomicInteger> createdBy = new ConcurrentHashMap<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

    private BookingLoad(Supplier<List<URI>> replicas, Tier tier, double doubleSendShare, int maxRate) {
        this.replicas = replicas;
        this.tier = tier;
        this.doubleSendShare = doubleSendShare;
        this.maxRate = maxRate;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
    }

    /** Starts {@code buyers} buyers on {@code tier}, spread over the replicas {@code replicas} names at each request. */
    static BookingLoad start(Supplier<List<URI>> replicas, Tier tier, int buyers, double doubleSendShare, int maxRate) {
        BookingLoad load = new BookingLoad(replicas, tier, doubleSendShare, maxRate);
        for (int i = 0; i < buyers; i++) {
            int buyer = i;
            load.vertx.runOnContext(v -> load.nextPurchase(buyer, new SplittableRandom(buyer * 7919L + 17)));
        }
        return load;
    }

    void faultStarts() {
        faultStartNanos = System.nanoTime();
        phase = 1;
    }

    void faultIsOver() {
        if (faultStartNanos == 0) {
            faultStartNanos = System.nanoTime();
        }
        faultEndNanos = System.nanoTime();
        phase = 2;
    }

    /** Stops the buyers and waits for their last requests (each bounded by the request timeout and the tries). */
    void stop() throws Exception {
        running = false;
        stoppedNanos = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(70);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private void nextPurchase(int buyer, SplittableRandom random) {
        if (!running) {
            return;
        }
        purchases.incrementAndGet();
        long wait = maxRate <= 0 ? 0 : slotDelayMillis();
        if (wait >= 1) {
            vertx.setTimer(wait, id -> purchase(buyer, random));
        } else {
            purchase(buyer, random);
        }
    }

    private long nextSlotNanos;

    /** Pacing without bursts: purchases start at least 1/maxRate s apart; a crowd that fell behind does not catch up. */
    private synchronized long slotDelayMillis() {
        long now = System.nanoTime();
        long slot = Math.max(nextSlotNanos, now);
        nextSlotNanos = slot + 1_000_000_000L / maxRate;
        return (slot - now) / 1_000_000;
    }

    private void purchase(int buyer, SplittableRandom random) {
        if (!running) {
            return;
        }
        String key = UUID.randomUUID().toString();
        int quantity = 1 + random.nextInt(3);
        Buffer body = Buffer.buffer(tier.requestBody("buyer" + buyer + "@faults.example.com", quantity));
        attempt(key, body, 1, buyer, answer -> {
            if (answer == Answer.CREATED && random.nextDouble() < doubleSendShare) {
                doubleSends.incrementAndGet();
                attempt(key, body, 1, buyer + 1, again -> nextPurchase(buyer, random));
            } else {
                nextPurchase(buyer, random);
            }
        });
    }

    private enum Answer { CREATED, REFUSED, FAILED }

    /** One try of a key; a failed one is tried again (same key, next replica) after a short pause. */
    private void attempt(String key, Buffer body, int tryNumber, int replicaHint,
                         java.util.function.Consumer<Answer> then) {
        List<URI> targets = replicas.get();
        URI target = targets.get(Math.floorMod(replicaHint, targets.size()));
        HttpClient http = clients.computeIfAbsent(target, this::client);
        RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/bookings")
                .setTimeout(REQUEST_TIMEOUT_MS).putHeader("Content-Type", "application/json").putHeader("Idempotency-Key", key);
        requests.incrementAndGet();
        inFlight.incrementAndGet();
        long sent = System.nanoTime();
        http.request(post).compose(r -> r.send(body)).compose(r -> r.body().map(b -> new Object[] {r.statusCode(), b}))
                .onComplete(result -> {
                    inFlight.decrementAndGet();
                    Answer answer;
                    if (result.failed()) {
                        noAnswer.incrementAndGet();
                        answer = Answer.FAILED;
                    } else {
                        int status = (Integer) result.result()[0];
                        if (status == 201) {
                            answer = created(key, (Buffer) result.result()[1], target);
                            latencies.add((System.nanoTime() - sent) / 1_000_000);
                        } else if (status >= 500) {
                            serverErrors.incrementAndGet();
                            answer = Answer.FAILED;
                        } else {
                            refused.incrementAndGet();
                            answer = Answer.REFUSED;
                        }
                    }
                    if (answer == Answer.FAILED && tryNumber < TRIES) {
                        retries.incrementAndGet();
                        // 0.2, 0.4, 0.8, 1.6 s, then every 3 s: about 12 s in all, longer than a restart of the API
                        long backoff = Math.min(3000L, 200L << (tryNumber - 1));
                        vertx.setTimer(backoff, id -> attempt(key, body, tryNumber + 1, replicaHint + 1, then));
                    } else {
                        if (answer == Answer.FAILED) {
                            abandoned.incrementAndGet();
                        }
                        then.accept(answer);
                    }
                });
    }

    private Answer created(String key, Buffer body, URI by) {
        String id;
        try {
            JsonNode booking = EventJson.MAPPER.readTree(body.getBytes()).get("booking");
            id = booking.get("id").asText();
        } catch (Exception e) {
            serverErrors.incrementAndGet();
            return Answer.FAILED;
        }
        String earlier = bookingByKey.putIfAbsent(key, id);
        if (earlier == null) {
            created.incrementAndGet();
            createdBy.computeIfAbsent(by, u -> new AtomicInteger()).incrementAndGet();
            if (phase == 1) {
                createdDuringFault.incrementAndGet();
            } else if (phase == 2) {
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

    private HttpClient client(URI target) {
        return vertx.createHttpClient(new HttpClientOptions().setDefaultHost(target.getHost()).setDefaultPort(target.getPort())
                        .setKeepAlive(true).setConnectTimeout(2000).setIdleTimeout(30),
                new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(-1));
    }

    int successes() {
        return created.get() + replayed.get();
    }

    double loadSeconds() {
        long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
        return (end - startedNanos) / 1e9;
    }

    /** New bookings a second over the whole load phase. */
    double rate() {
        return created.get() / loadSeconds();
    }

    /** New bookings a second while the fault was on (0 if it had no duration). */
    double rateDuringFault() {
        double seconds = (faultEndNanos - faultStartNanos) / 1e9;
        return seconds < 0.5 ? Double.NaN : createdDuringFault.get() / seconds;
    }

    long latencyPercentile(int p) {
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        if (sorted.isEmpty()) {
            return -1;
        }
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    String describe() {
        return ("%.0f new bookings/s (%.0f/s during the fault), 201 p50 %d ms p99 %d ms | requests=%d successes=%d (new %d, "
                + "replayed %d; %d new during the fault, %d after it) retries=%d double-sends=%d refused=%d 5xx=%d no-answer=%d "
                + "abandoned=%d").formatted(rate(), rateDuringFault(), latencyPercentile(50), latencyPercentile(99), requests.get(),
                successes(), created.get(), replayed.get(), createdDuringFault.get(), createdAfterFault.get(), retries.get(),
                doubleSends.get(), refused.get(), serverErrors.get(), noAnswer.get(), abandoned.get());
    }
}
