package com.tickets.load.gatling;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delay of each pushed {@code availability} event from the change's timestamp ({@code at}, taken in
 * the booking transaction) to its arrival at a subscriber: Gatling times request/response pairs,
 * not server pushes, so the simulation collects these itself. Same clock: everything is on loopback.
 */
public final class PushDelays {

    private final AtomicLong received = new AtomicLong();
    private long[] millis = new long[1 << 16];
    private int count;

    public void received(String at) {
        received.incrementAndGet();
        record(Duration.between(Instant.parse(at), Instant.now()).toMillis());
    }

    private synchronized void record(long value) {
        if (count == millis.length) {
            millis = Arrays.copyOf(millis, count * 2);
        }
        millis[count++] = value;
    }

    private synchronized long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(millis, count);
        Arrays.sort(sorted);
        return sorted[(int) Math.min(count - 1, Math.ceil(p / 100 * count) - 1)];
    }

    public String summary(int subscribers) {
        return "SSE RESULT subscribers=%d events=%d delay_p50_ms=%d delay_p95_ms=%d delay_p99_ms=%d".formatted(
                subscribers, received.get(), percentile(50), percentile(95), percentile(99));
    }
}
