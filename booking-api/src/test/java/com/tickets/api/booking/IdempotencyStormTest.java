package com.tickets.api.booking;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import com.tickets.infra.Infrastructure;
import io.quarkus.redis.datasource.RedisDataSource;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One idempotency key, one booking: whatever the concurrency, and whatever Redis remembers. */
@QuarkusTest
class IdempotencyStormTest {

    /** the management interface (its own port, not the API's): readiness is there */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Inject
    Fixtures fixtures;

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/")
    URI base;

    @Test
    void fiftyConcurrentIdenticalRequestsMakeOneBookingAndIdenticalAnswers() throws Exception {
        var tier = fixtures.concertWithTier("Storm", "30.00", 500);
        String key = "storm-" + UUID.randomUUID();
        String body = BookingRequests.body(tier.tierId(), "storm@example.com", 2, tier.total(2));

        List<HttpResponse<String>> responses = race(50, () -> BookingRequests.post(base, key, body));

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201);
        assertThat(responses).extracting(HttpResponse::body).containsOnly(responses.get(0).body());
        assertThat(responses.stream().filter(r -> r.headers().firstValue("Idempotent-Replayed").isPresent()))
                .hasSize(49);
        assertThat(bookingsWithKey(key)).isEqualTo(1);
        assertThat(fixtures.available(tier.tierId())).isEqualTo(498);
        assertThat(fixtures.count("select count(*) from outbox where idempotency_key = ? and type = 'BookingCreated'", key))
                .isEqualTo(1);

        // the same key with another payload is refused, and writes nothing
        var other = BookingRequests.post(base, key, BookingRequests.body(tier.tierId(), "storm@example.com", 3, tier.total(3)));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(other.body()).contains("idempotency-key-reused");

        // Redis forgets everything: the database still answers with the same booking
        redis.flushall();
        var afterFlush = BookingRequests.post(base, key, body);
        assertThat(afterFlush.statusCode()).isEqualTo(201);
        assertThat(afterFlush.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(afterFlush.body()).isEqualTo(responses.get(0).body());
        assertThat(bookingsWithKey(key)).isEqualTo(1);
        assertThat(fixtures.available(tier.tierId())).isEqualTo(498);
    }

    @Test
    void withRedisStoppedBookingsSucceedAndKeysStillHold() throws Exception {
        var tier = fixtures.concertWithTier("No cache", "12.00", 100);
        String key = "redis-down-" + UUID.randomUUID();
        String body = BookingRequests.body(tier.tierId(), "no-cache@example.com", 1, tier.total(1));
        org.junit.jupiter.api.Assumptions.assumeTrue(Infrastructure.redisIsOurs(), "needs a Redis of its own to stop it (INFRA_REDIS_URL is set)");
        Infrastructure.redis().stop();
        try {
            List<HttpResponse<String>> responses = race(20, () -> BookingRequests.post(base, key, body));
            assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201);
            assertThat(responses).extracting(HttpResponse::body).containsOnly(responses.get(0).body());
            assertThat(bookingsWithKey(key)).isEqualTo(1);
            assertThat(fixtures.available(tier.tierId())).isEqualTo(99);

            var fresh = BookingRequests.post(base, "redis-down-fresh-" + UUID.randomUUID(), body);
            assertThat(fresh.statusCode()).isEqualTo(201);

            io.restassured.RestAssured.given().get(management.resolve("/q/health/ready")).then().statusCode(200)
                    .body("checks.find { it.name == 'redis' }.data.redis", org.hamcrest.Matchers.equalTo("degraded"));
        } finally {
            Infrastructure.redis().restart();
        }
    }

    @Test
    void theKeyMayComeInTheBodyForOldClients() {
        var tier = fixtures.concertWithTier("Legacy", "5.00", 10);
        String key = "body-key-" + UUID.randomUUID();
        String body = """
                {"ticketTierId":"%s","userEmail":"old@example.com","quantity":1,"totalPrice":5.00,"currency":"USD","idempotencyKey":"%s"}"""
                .formatted(tier.tierId(), key);
        assertThat(BookingRequests.post(base, null, body).statusCode()).isEqualTo(201);
        var again = BookingRequests.post(base, key, body);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(BookingRequests.post(base, "another-" + key, body).statusCode()).isEqualTo(400);
        assertThat(bookingsWithKey(key)).isEqualTo(1);
    }

    private long bookingsWithKey(String key) {
        return fixtures.count("select count(*) from bookings where idempotency_key = ?", key);
    }

    private static <T> List<T> race(int threads, java.util.concurrent.Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
