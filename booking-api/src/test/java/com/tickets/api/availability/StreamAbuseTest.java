package com.tickets.api.availability;

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

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The stream as an attacker would use it: many streams from one address, made-up concert ids. */
@QuarkusTest
class StreamAbuseTest {

    @Inject
    Fixtures fixtures;

    @Inject
    AvailabilityFeed feed;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aClientOpeningTwentyOneStreamsGetsA429OnTheTwentyFirstAndAPlaceBackWhenOneCloses() {
        var tier = fixtures.concertWithTier("Many tabs", "10.00", 50);
        URI stream = base.resolve("/api/concerts/stream?concertId=" + tier.concertId());
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscriberCount() == 0);
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                open.add(new SseClient(stream, null));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> open.stream().allMatch(c -> c.status == 200 && !c.events.isEmpty()));

            given().get("/api/concerts/stream?concertId=" + tier.concertId()).then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", endsWith("/rate-limited"))
                    .body("status", equalTo(429));
            // without a filter too: the cap counts streams, whatever they watch
            given().get("/api/concerts/stream").then().statusCode(429);

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscriberCount() == 19);
            try (SseClient again = new SseClient(stream, null)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> again.status != 0);
                assertThat(again.status).as("a closed stream gives its place back").isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> !again.events.isEmpty());
                assertThat(again.latest(tier.tierId().toString())).isEqualTo(50);
            }
        } finally {
            open.forEach(SseClient::close);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscriberCount() == 0);
        // every place is back: twenty streams open again
        List<SseClient> second = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                second.add(new SseClient(stream, null));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> second.stream().allMatch(c -> c.status != 0));
            assertThat(second).allMatch(c -> c.status == 200);
        } finally {
            second.forEach(SseClient::close);
        }
    }

    @Test
    void aMadeUpConcertIdIsA404AndHoldsNoPlace() {
        for (int i = 0; i < 25; i++) {
            given().get("/api/concerts/stream?concertId=" + UUID.randomUUID()).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/not-found"))
                    .body("instance", equalTo("/api/concerts/stream"));
        }
        // 25 refusals later the address may still open streams
        var tier = fixtures.concertWithTier("After the 404s", "10.00", 5);
        try (SseClient watcher = new SseClient(base.resolve("/api/concerts/stream?concertId=" + tier.concertId()), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !watcher.events.isEmpty());
            assertThat(watcher.status).isEqualTo(200);
        }
    }
}
