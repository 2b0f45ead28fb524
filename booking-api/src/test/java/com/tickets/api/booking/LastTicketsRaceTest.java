package com.tickets.api.booking;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The last tickets of a show go to exactly as many buyers as there are tickets, never more. */
@QuarkusTest
class LastTicketsRaceTest {

    static final int TICKETS = 100;
    static final int BUYERS = 1_000;

    @Inject
    Fixtures fixtures;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aThousandConcurrentBuyersNeverOversellAHundredTickets() throws Exception {
        var tier = fixtures.concertWithTier("Last row", "25.00", TICKETS);
        ExecutorService pool = Executors.newFixedThreadPool(200);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> results = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            int quantity = ThreadLocalRandom.current().nextInt(1, 4);
            results.add(pool.submit(() -> {
                start.await();
                HttpResponse<String> r = BookingRequests.post(base, UUID.randomUUID().toString(),
                        BookingRequests.body(tier.tierId(), "buyer@example.com", quantity, tier.total(quantity)));
                return new Outcome(r.statusCode(), quantity, r.body());
            }));
        }
        start.countDown();
        int sold = 0;
        int soldOut = 0;
        for (Future<Outcome> f : results) {
            Outcome o = f.get(120, TimeUnit.SECONDS);
            if (o.status == 201) {
                sold += o.quantity;
            } else {
                assertThat(o.status).as(o.body).isEqualTo(409);
                assertThat(o.body).contains("/sold-out").contains("availableQuantity");
                soldOut++;
            }
        }
        pool.shutdown();

        long held = fixtures.count("select coalesce(sum(quantity), 0) from bookings where ticket_tier_id = ? "
                + "and status in ('PENDING', 'CONFIRMED')", tier.tierId());
        int available = fixtures.available(tier.tierId());
        assertThat(soldOut).isPositive();
        assertThat(available).isBetween(0, 2); // a buyer of 3 may find only 1 or 2 left, and then nobody else fits
        assertThat(held).isEqualTo(sold);
        assertThat(held + available).isEqualTo(TICKETS);
    }

    record Outcome(int status, int quantity, String body) {
    }
}
