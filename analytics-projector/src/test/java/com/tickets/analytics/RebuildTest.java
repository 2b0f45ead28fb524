package com.tickets.analytics;

import com.tickets.analytics.Events.Booking;
import com.tickets.analytics.Events.Show;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.tickets.analytics.Dashboards.asOrganizer;
import static com.tickets.analytics.Dashboards.awaitConcert;
import static com.tickets.analytics.Dashboards.totals;
import static com.tickets.analytics.Events.send;
import static com.tickets.analytics.SalesProjectionTest.confirm;
import static com.tickets.events.EventTypes.BOOKING_CANCELLED;
import static com.tickets.events.EventTypes.BOOKING_CONFIRMED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** POST /api/analytics/rebuild forgets the projection and re-reads the topics: same numbers after. */
@QuarkusTest
class RebuildTest {

    @Test
    void aRebuildFromTheStartOfTheTopicsEndsWithTheSameNumbers() {
        Show show = Show.create();
        confirm(Booking.of(show, show.tierA(), 2, "200.00"), Instant.parse("2030-10-01T10:00:00Z"));
        confirm(Booking.of(show, show.tierB(), 1, "50.00"), Instant.parse("2030-10-02T11:00:00Z"));
        Booking cancelledFirst = Booking.of(show, show.tierC(), 1, "10.00");
        send(cancelledFirst.event(BOOKING_CANCELLED, Instant.parse("2030-10-03T12:00:00Z")));
        send(cancelledFirst.event(BOOKING_CONFIRMED, Instant.parse("2030-10-03T11:00:00Z")));
        awaitConcert(show, totals("250.00", 3));
        Map<String, String> everything = Map.of("period", "hour");
        await().atMost(Duration.ofSeconds(20)).until(() -> quiet(everything));
        String liveAll = asOrganizer().queryParams(everything).get("/api/analytics/dashboard").asString();
        String liveShow = asOrganizer().queryParam("concertId", show.concertId()).get("/api/analytics/dashboard").asString();

        asOrganizer().post("/api/analytics/rebuild").then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/analytics/rebuild"))
                .body("state", equalTo("RUNNING"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> !asOrganizer().get("/api/analytics/rebuild").jsonPath().getString("state").equals("RUNNING"));

        asOrganizer().get("/api/analytics/rebuild").then().statusCode(200).body("state", equalTo("DONE"));
        assertThat(asOrganizer().get("/api/analytics/rebuild").jsonPath().getLong("recordsRead")).isPositive();
        assertThat(asOrganizer().queryParams(everything).get("/api/analytics/dashboard").asString()).isEqualTo(liveAll);
        assertThat(asOrganizer().queryParam("concertId", show.concertId()).get("/api/analytics/dashboard").asString())
                .isEqualTo(liveShow);
    }

    /** The whole dashboard has stopped changing: every event sent so far has been applied. */
    private static boolean quiet(Map<String, String> query) throws InterruptedException {
        String first = asOrganizer().queryParams(query).get("/api/analytics/dashboard").asString();
        Thread.sleep(1500);
        return first.equals(asOrganizer().queryParams(query).get("/api/analytics/dashboard").asString());
    }
}
