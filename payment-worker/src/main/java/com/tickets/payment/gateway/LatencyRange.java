package com.tickets.payment.gateway;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

/**
 * How long a simulated gateway call takes: one duration ({@code PT0.05S}) or a range
 * ({@code PT0.2S..PT0.8S}, both ends included) from which each call draws uniformly.
 */
public record LatencyRange(Duration min, Duration max) {

    public LatencyRange {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("latency range must be 0 <= min <= max, was " + min + ".." + max);
        }
    }

    public static LatencyRange fixed(Duration latency) {
        return new LatencyRange(latency, latency);
    }

    /** {@code PT0.05S} or {@code PT0.2S..PT0.8S} (ISO-8601 durations, blanks around them ignored). */
    public static LatencyRange parse(String text) {
        try {
            int dots = text.indexOf("..");
            if (dots < 0) {
                return fixed(Duration.parse(text.strip()));
            }
            return new LatencyRange(Duration.parse(text.substring(0, dots).strip()),
                    Duration.parse(text.substring(dots + 2).strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a latency (PT0.05S) or latency range (PT0.2S..PT0.8S): " + text, e);
        }
    }

    /** A latency in [min, max], uniformly (to the nanosecond). */
    public Duration draw(SplittableRandom random) {
        long span = max.minus(min).toNanos();
        if (span == 0) {
            return min;
        }
        // span + 1 overflows only for a range of ~292 years
        return min.plusNanos(random.nextLong(span + 1));
    }

    @Override
    public String toString() {
        return min.equals(max) ? min.toString() : min + ".." + max;
    }
}
