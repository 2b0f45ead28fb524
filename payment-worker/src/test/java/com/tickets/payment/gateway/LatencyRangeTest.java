package com.tickets.payment.gateway;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PAYMENT_GATEWAY_LATENCY: one duration or a range, and what a call draws from it. */
class LatencyRangeTest {

    @Property
    void aRangeIsReadBackAsWrittenAndEveryDrawLiesInIt(@ForAll @LongRange(min = 0, max = 60_000_000_000L) long minNanos,
                                                       @ForAll @LongRange(min = 0, max = 60_000_000_000L) long extraNanos,
                                                       @ForAll long seed) {
        Duration min = Duration.ofNanos(minNanos);
        Duration max = min.plusNanos(extraNanos);
        LatencyRange range = LatencyRange.parse(" " + min + " .. " + max + " ");
        assertThat(range).isEqualTo(new LatencyRange(min, max));
        assertThat(LatencyRange.parse(range.toString())).isEqualTo(range);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20; i++) {
            assertThat(range.draw(random)).isBetween(min, max);
        }
    }

    @Property
    void aSingleDurationIsAlwaysThatLatency(@ForAll @LongRange(min = 0, max = 60_000) long millis, @ForAll long seed) {
        Duration latency = Duration.ofMillis(millis);
        LatencyRange fixed = LatencyRange.parse(latency.toString());
        assertThat(fixed).isEqualTo(LatencyRange.fixed(latency));
        assertThat(fixed.draw(new SplittableRandom(seed))).isEqualTo(latency);
    }

    @Property
    void aRangeThatEndsBeforeItStartsIsRefused(@ForAll @LongRange(min = 1, max = 60_000) long minMillis,
                                               @ForAll @LongRange(min = 1, max = 60_000) long less) {
        Duration min = Duration.ofMillis(minMillis);
        assertThatThrownBy(() -> LatencyRange.parse(min + ".." + min.minusMillis(less)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void drawsSpreadOverTheWholeRangeUniformly() {
        LatencyRange range = LatencyRange.parse("PT0.2S..PT0.8S");
        SplittableRandom random = new SplittableRandom(42);
        int[] tenths = new int[6]; // 200-300 ms, 300-400 ms, ... 700-800 ms
        int draws = 60_000;
        for (int i = 0; i < draws; i++) {
            long millis = range.draw(random).toMillis();
            tenths[(int) Math.min(5, (millis - 200) / 100)]++;
        }
        for (int count : tenths) {
            assertThat(count).isBetween(draws / 6 * 9 / 10, draws / 6 * 11 / 10);
        }
    }

    @Example
    void whatIsNotALatencyIsRefusedNamingTheForms() {
        assertThatThrownBy(() -> LatencyRange.parse("200ms")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0.2S..PT0.8S");
        assertThatThrownBy(() -> LatencyRange.parse("PT0.2S..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyRange.parse("-PT1S")).isInstanceOf(IllegalArgumentException.class);
    }
}
