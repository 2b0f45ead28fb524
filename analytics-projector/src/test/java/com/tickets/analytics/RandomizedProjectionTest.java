package com.tickets.analytics;

import com.tickets.analytics.Events.Booking;
import com.tickets.analytics.Events.Show;
import com.tickets.events.EventEnvelope;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static com.tickets.analytics.Dashboards.dashboard;
import static com.tickets.events.EventTypes.BOOKING_CANCELLED;
import static com.tickets.events.EventTypes.BOOKING_CONFIRMED;
import static com.tickets.events.EventTypes.BOOKING_CREATED;
import static com.tickets.events.EventTypes.BOOKING_EXPIRED;
import static com.tickets.events.EventTypes.PAYMENT_FAILED;
import static com.tickets.events.EventTypes.PAYMENT_SUCCEEDED;
import static com.tickets.events.EventTypes.REFUND_REQUESTED;
import static com.tickets.events.EventTypes.REFUND_SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random bookings with random outcomes, each booking's events shuffled and some delivered twice:
 * the dashboard equals what a plain loop over the outcomes says it should be.
 */
@QuarkusTest
class RandomizedProjectionTest {

    private static final int BOOKINGS = 150;
    private static final String[] PRICES = {"100.00", "50.00", "10.00"};

    enum Outcome { HELD, CONFIRMED, CANCELLED_AFTER_CONFIRMATION, PAYMENT_FAILED, EXPIRED, REFUNDED_LATE_PAYMENT }

    record Expected(BigDecimal revenue, long tickets) {
        Expected plus(Booking b) {
            return new Expected(revenue.add(b.total()), tickets + b.quantity());
        }
    }

    @Test
    void theDashboardEqualsAnIndependentlyComputedExpectation() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // a year no other test uses, so an unfiltered query over it sees only these sales
        Instant start = Instant.parse("2033-03-01T00:00:00Z");
        List<Show> shows = List.of(Show.create(), Show.create());
        Map<UUID, Expected> byConcert = new TreeMap<>();
        Map<String, Expected> byTier = new TreeMap<>();
        Map<Instant, Expected> byDay = new TreeMap<>();
        Expected total = new Expected(BigDecimal.ZERO, 0);
        List<EventEnvelope> toSend = new ArrayList<>();

        for (int i = 0; i < BOOKINGS; i++) {
            Show show = shows.get(random.nextInt(shows.size()));
            int tierIndex = random.nextInt(3);
            UUID tier = List.of(show.tierA(), show.tierB(), show.tierC()).get(tierIndex);
            int quantity = 1 + random.nextInt(10);
            Booking b = new Booking(UUID.randomUUID(), show, tier, quantity,
                    new BigDecimal(PRICES[tierIndex]).multiply(BigDecimal.valueOf(quantity)));
            Instant created = start.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 20)));
            Instant decided = created.plus(Duration.ofMinutes(1 + random.nextInt(9)));
            Outcome outcome = Outcome.values()[random.nextInt(Outcome.values().length)];

            List<EventEnvelope> life = new ArrayList<>(List.of(b.event(BOOKING_CREATED, created)));
            switch (outcome) {
                case HELD -> { }
                case CONFIRMED -> {
                    life.add(b.payment(PAYMENT_SUCCEEDED, decided));
                    life.add(b.event(BOOKING_CONFIRMED, decided));
                }
                case CANCELLED_AFTER_CONFIRMATION -> {
                    life.add(b.payment(PAYMENT_SUCCEEDED, decided));
                    life.add(b.event(BOOKING_CONFIRMED, decided));
                    life.add(b.event(BOOKING_CANCELLED, decided.plusSeconds(3600)));
                    life.add(b.event(REFUND_REQUESTED, decided.plusSeconds(3600)));
                    life.add(b.payment(REFUND_SUCCEEDED, decided.plusSeconds(3700)));
                }
                case PAYMENT_FAILED -> {
                    life.add(b.payment(PAYMENT_FAILED, decided));
                    life.add(b.event(BOOKING_CANCELLED, decided));
                }
                case EXPIRED -> life.add(b.event(BOOKING_EXPIRED, decided));
                case REFUNDED_LATE_PAYMENT -> {
                    life.add(b.event(BOOKING_EXPIRED, decided));
                    life.add(b.payment(PAYMENT_SUCCEEDED, decided.plusSeconds(5)));
                    life.add(b.event(REFUND_REQUESTED, decided.plusSeconds(5)));
                    life.add(b.payment(REFUND_SUCCEEDED, decided.plusSeconds(60)));
                }
            }
            if (outcome == Outcome.CONFIRMED) {
                total = total.plus(b);
                byConcert.merge(show.concertId(), new Expected(BigDecimal.ZERO, 0).plus(b), RandomizedProjectionTest::sum);
                byTier.merge(show.name() + "/" + show.tierName(tier), new Expected(BigDecimal.ZERO, 0).plus(b),
                        RandomizedProjectionTest::sum);
                byDay.merge(decided.truncatedTo(ChronoUnit.DAYS), new Expected(BigDecimal.ZERO, 0).plus(b),
                        RandomizedProjectionTest::sum);
            }
            Collections.shuffle(life, random);
            List<EventEnvelope> duplicates = life.stream().filter(e -> random.nextInt(4) == 0).toList();
            toSend.addAll(life);
            toSend.addAll(duplicates);
        }
        toSend.forEach(Events::send);

        Expected expectedTotal = total;
        Map<String, Object> year = Map.of("startDate", "2033-01-01", "endDate", "2033-12-31", "period", "day");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> sameTotals(dashboard(year), expectedTotal));

        JsonPath all = dashboard(year);
        assertThat(all.getList("salesOverTime.date")).as("seed %d", seed)
                .containsExactlyElementsOf(byDay.keySet().stream().map(d -> d.atOffset(ZoneOffset.UTC).toInstant().toString()).toList());
        for (int i = 0; i < byDay.size(); i++) {
            Expected day = new ArrayList<>(byDay.values()).get(i);
            assertThat(new BigDecimal(all.getString("salesOverTime[" + i + "].revenue"))).as("seed %d", seed)
                    .isEqualByComparingTo(day.revenue());
            assertThat(all.getLong("salesOverTime[" + i + "].tickets")).isEqualTo(day.tickets());
        }
        Map<String, BigDecimal> tiers = new TreeMap<>();
        BigDecimal shares = BigDecimal.ZERO;
        for (int i = 0; i < all.getList("revenueByTier").size(); i++) {
            tiers.put(all.getString("revenueByTier[" + i + "].concertName") + "/" + all.getString("revenueByTier[" + i + "].tierName"),
                    new BigDecimal(all.getString("revenueByTier[" + i + "].revenue")));
            shares = shares.add(new BigDecimal(all.getString("revenueByTier[" + i + "].percentage")));
        }
        assertThat(tiers.keySet()).as("seed %d", seed).isEqualTo(byTier.keySet());
        byTier.forEach((tier, expected) -> assertThat(tiers.get(tier)).isEqualByComparingTo(expected.revenue()));
        if (total.revenue().signum() > 0) {
            assertThat(shares.subtract(BigDecimal.valueOf(100)).abs()).isLessThanOrEqualTo(new BigDecimal("0.05"));
        }
        for (Show show : shows) {
            Expected expected = byConcert.getOrDefault(show.concertId(), new Expected(BigDecimal.ZERO, 0));
            assertThat(sameTotals(Dashboards.ofConcert(show, "week"), expected)).as("seed %d", seed).isTrue();
        }
    }

    private static boolean sameTotals(JsonPath json, Expected expected) {
        return Dashboards.revenue(json).compareTo(expected.revenue()) == 0 && Dashboards.tickets(json) == expected.tickets();
    }

    private static Expected sum(Expected a, Expected b) {
        return new Expected(a.revenue().add(b.revenue()), a.tickets() + b.tickets());
    }
}
