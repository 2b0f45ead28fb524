package com.tickets.load.gatling;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the buyers of one run saw, shared by all virtual users of the JVM: bookings created (201
 * without {@code Idempotent-Replayed}), replays, sold-out answers, the response times of the first
 * attempts, and when the first request went out and the last booking came back. Gatling's report
 * has the response times too; this tally turns them into the one line bench.sh reads.
 */
public final class BookingTally {

    private final AtomicLong created = new AtomicLong();
    private final AtomicLong ticketsSold = new AtomicLong();
    private final AtomicLong replays = new AtomicLong();
    private final AtomicLong soldOutAnswers = new AtomicLong();
    private final AtomicBoolean soldOut = new AtomicBoolean();
    private final AtomicLong firstRequestNanos = new AtomicLong();
    private final AtomicLong lastCreatedNanos = new AtomicLong();
    private long[] responseMillis = new long[1 << 16];
    private int responses;

    public void requestSent() {
        firstRequestNanos.compareAndSet(0, System.nanoTime());
    }

    public void created(int quantity, long responseTimeMillis) {
        created.incrementAndGet();
        ticketsSold.addAndGet(quantity);
        lastCreatedNanos.accumulateAndGet(System.nanoTime(), Math::max);
        record(responseTimeMillis);
    }

    public void replayed() {
        replays.incrementAndGet();
    }

    /** A 409 sold-out: the tier is done once none is left (a 4-ticket ask can fail with 3 left). */
    public void soldOutAnswer(int availableQuantity, long responseTimeMillis) {
        soldOutAnswers.incrementAndGet();
        if (availableQuantity == 0) {
            soldOut.set(true);
        }
        record(responseTimeMillis);
    }

    public boolean isSoldOut() {
        return soldOut.get();
    }

    /** Sold out, or {@code sale} has passed since the first request (false before any request). */
    public boolean isSaleOver(Duration sale) {
        long first = firstRequestNanos.get();
        return soldOut.get() || first != 0 && System.nanoTime() - first > sale.toNanos();
    }

    private synchronized void record(long millis) {
        if (responses == responseMillis.length) {
            responseMillis = Arrays.copyOf(responseMillis, responses * 2);
        }
        responseMillis[responses++] = millis;
    }

    /** Bookings per second from the first request to the last booking created. */
    public double bookingsPerSecond() {
        long first = firstRequestNanos.get();
        long last = lastCreatedNanos.get();
        return last > first && first != 0 ? created.get() / ((last - first) / 1e9) : 0;
    }

    private synchronized long percentile(double p) {
        if (responses == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(responseMillis, responses);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(responses - 1, Math.ceil(p / 100 * responses) - 1)];
    }

    /** One line, stable format: load-tests/bench.sh parses it. */
    public String summary() {
        long first = firstRequestNanos.get();
        long last = lastCreatedNanos.get();
        return ("ON-SALE RESULT bookings_per_s=%.1f bookings=%d tickets=%d replays=%d sold_out_answers=%d "
                + "sold_out=%s seconds=%.1f post_p50_ms=%d post_p95_ms=%d post_p99_ms=%d").formatted(
                bookingsPerSecond(), created.get(), ticketsSold.get(), replays.get(), soldOutAnswers.get(),
                soldOut.get(), last > first ? (last - first) / 1e9 : 0.0,
                percentile(50), percentile(95), percentile(99));
    }
}
