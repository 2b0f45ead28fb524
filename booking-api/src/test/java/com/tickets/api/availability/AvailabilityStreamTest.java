package com.tickets.api.availability;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Watchers see availability change live, coalesced, always ending on the true value. */
@QuarkusTest
class AvailabilityStreamTest {

    @Inject
    Fixtures fixtures;

    @Inject
    AvailabilityFeed feed;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aWatcherGetsASnapshotThenEachChange() {
        var tier = fixtures.concertWithTier("Live", "10.00", 50);
        try (SseClient watcher = new SseClient(base.resolve("/api/concerts/stream?concertId=" + tier.concertId()), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !watcher.events.isEmpty());
            assertThat(watcher.status).isEqualTo(200);
            assertThat(watcher.events.get(0).name()).isEqualTo("snapshot");
            assertThat(watcher.events.get(0).id()).isNotBlank();
            assertThat(watcher.latest(tier.tierId().toString())).isEqualTo(50);

            BookingRequests.book(base, tier.tierId(), "live@example.com", 3, tier.total(3));

            await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(47).equals(watcher.latest(tier.tierId().toString())));
            SseClient.Event change = watcher.events.get(watcher.events.size() - 1);
            assertThat(change.name()).isEqualTo("availability");
            assertThat(change.data().get("concertId").asText()).isEqualTo(tier.concertId().toString());
            assertThat(change.data().has("at")).isTrue();
        }
    }

    @Test
    void aBurstOfFiveHundredBookingsEndsOnTheTrueValueWithFewerUpdatesThanBookings() throws Exception {
        var tier = fixtures.concertWithTier("Rush", "1.00", 600);
        var other = fixtures.concertWithTier("Elsewhere", "1.00", 10);
        try (SseClient everything = new SseClient(base.resolve("/api/concerts/stream"), null);
             SseClient thisShow = new SseClient(base.resolve("/api/concerts/stream?concertId=" + tier.concertId()), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !everything.events.isEmpty() && !thisShow.events.isEmpty());

            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                done.add(pool.submit(() -> BookingRequests.book(base, tier.tierId(), "rush@example.com", 1, tier.total(1))));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            BookingRequests.book(base, other.tierId(), "elsewhere@example.com", 1, other.total(1));

            String id = tier.tierId().toString();
            await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(100).equals(everything.latest(id))
                    && Integer.valueOf(100).equals(thisShow.latest(id)));
            await().atMost(Duration.ofSeconds(15)).until(() -> Integer.valueOf(9).equals(everything.latest(other.tierId().toString())));
            assertThat(thisShow.latest(other.tierId().toString())).as("filtered by concertId").isNull();
            assertThat(everything.availabilityEvents(id)).as("coalesced").isLessThan(500);
            assertThat(fixtures.available(tier.tierId())).isEqualTo(100);
        }
    }

    @Test
    void heartbeatsKeepTheStreamAliveAndAReconnectGetsAFreshSnapshot() {
        var tier = fixtures.concertWithTier("Reconnect", "10.00", 5);
        String lastId;
        try (SseClient first = new SseClient(base.resolve("/api/concerts/stream?concertId=" + tier.concertId()), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> first.pings.get() > 0 && !first.events.isEmpty());
            lastId = first.events.get(first.events.size() - 1).id();
        }
        BookingRequests.book(base, tier.tierId(), "gone@example.com", 2, tier.total(2));
        try (SseClient again = new SseClient(base.resolve("/api/concerts/stream?concertId=" + tier.concertId()), lastId)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !again.events.isEmpty());
            assertThat(again.events.get(0).name()).isEqualTo("snapshot");
            assertThat(again.latest(tier.tierId().toString())).isEqualTo(3);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscriberCount() == 0);
    }

    @Test
    void aMalformedConcertFilterIsAProblem() {
        given().get("/api/concerts/stream?concertId=nope").then().statusCode(400).contentType("application/problem+json");
    }
}
