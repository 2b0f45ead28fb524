package com.tickets.api.organizer;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.tickets.api.organizer.OrganizerApi.ORGANIZER;
import static com.tickets.api.organizer.OrganizerApi.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand bookings race four sessions of an organizer that keep raising and lowering the tier's total: whatever the
 * interleaving, availability never goes below zero, the total never below what is sold and held, and the
 * inventory audit adds up to both.
 */
@QuarkusTest
class CapacityRaceTest {

    static final int FIRST_TOTAL = 300;
    static final int BUYERS = 1_000;
    /** Organizers (sessions of one) changing the total side by side, racing each other too. */
    static final int ORGANIZER_THREADS = 4;

    @Inject
    Fixtures fixtures;

    @TestHTTPResource("/")
    URI base;

    @Test
    void bookingsRacingCapacityChangesNeverOversellNorShrinkBelowSold() throws Exception {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Race", "15.00", FIRST_TOTAL);
        ExecutorService pool = Executors.newFixedThreadPool(150);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<int[]>> bookings = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            int quantity = ThreadLocalRandom.current().nextInt(1, 4);
            bookings.add(pool.submit(() -> {
                start.await();
                HttpResponse<String> r = BookingRequests.post(base, UUID.randomUUID().toString(),
                        BookingRequests.body(show.tierId(), "racer@example.com", quantity, show.total(quantity)));
                if (r.statusCode() != 201) {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
                    assertThat(r.body()).contains("/sold-out");
                }
                return new int[]{r.statusCode(), quantity};
            }));
        }
        AtomicBoolean racing = new AtomicBoolean(true);
        ExecutorService organizers = Executors.newFixedThreadPool(ORGANIZER_THREADS);
        List<Future<int[]>> changers = new ArrayList<>();
        for (int i = 0; i < ORGANIZER_THREADS; i++) {
            changers.add(organizers.submit(() -> {
                start.await();
                int changed = 0;
                int refused = 0;
                while (racing.get()) {
                    int total = ThreadLocalRandom.current().nextInt(0, 2 * FIRST_TOTAL);
                    Response r = as(ORGANIZER).body("{\"totalQuantity\":" + total + "}")
                            .patch("/api/organizer/tiers/" + show.tierId());
                    if (r.statusCode() == 200) {
                        changed++;
                    } else {
                        assertThat(r.statusCode()).as(r.body().asString()).isEqualTo(409);
                        assertThat(r.jsonPath().getString("type")).endsWith("/capacity-below-sold");
                        refused++;
                    }
                }
                return new int[]{changed, refused};
            }));
        }
        start.countDown();
        int booked = 0;
        for (Future<int[]> f : bookings) {
            int[] outcome = f.get(180, TimeUnit.SECONDS);
            if (outcome[0] == 201) {
                booked += outcome[1];
            }
        }
        racing.set(false);
        int[] changes = new int[2];
        for (Future<int[]> f : changers) {
            int[] c = f.get(60, TimeUnit.SECONDS);
            changes[0] += c[0];
            changes[1] += c[1];
        }
        pool.shutdown();
        organizers.shutdown();

        long total = fixtures.count("select total_quantity from ticket_tiers where id = ?", show.tierId());
        long available = fixtures.available(show.tierId());
        long held = fixtures.count("select coalesce(sum(quantity), 0) from bookings where ticket_tier_id = ? "
                + "and status in ('PENDING', 'CONFIRMED')", show.tierId());
        System.out.printf("CAPACITY RACE | %d tickets booked, %d capacity changes, %d refused, total %d, available %d%n",
                booked, changes[0], changes[1], total, available);
        assertThat(changes[0]).isPositive();
        assertThat(booked).isPositive();
        assertThat(held).isEqualTo(booked);
        assertThat(available).isNotNegative();
        assertThat(total).isGreaterThanOrEqualTo(held);
        assertThat(available + held).isEqualTo(total);
        // the audit recomputes both: the total from its capacity changes, availability from the bookings
        assertThat(fixtures.count("select ? + coalesce(sum(delta), 0) from inventory_audit where ticket_tier_id = ? "
                + "and reason = 'CAPACITY_CHANGED'", FIRST_TOTAL, show.tierId())).isEqualTo(total);
        assertThat(fixtures.count("select ? + coalesce(sum(delta), 0) from inventory_audit where ticket_tier_id = ? "
                + "and reason <> 'CAPACITY_CHANGED'", total, show.tierId())).isEqualTo(available);
        assertThat(fixtures.count("select count(*) from inventory_audit where ticket_tier_id = ? and reason = 'CAPACITY_CHANGED'",
                show.tierId())).isLessThanOrEqualTo(changes[0]);
        assertThat(fixtures.count("select count(*) from inventory_audit where ticket_tier_id = ? and available_after < 0",
                show.tierId())).isZero();
    }
}
