package com.tickets.analytics;

import com.tickets.analytics.Events.Booking;
import com.tickets.analytics.Events.Show;
import com.tickets.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static com.tickets.analytics.Dashboards.asOrganizer;
import static com.tickets.analytics.Dashboards.awaitConcert;
import static com.tickets.analytics.Dashboards.dashboard;
import static com.tickets.analytics.Dashboards.revenue;
import static com.tickets.analytics.Dashboards.totals;
import static com.tickets.analytics.Events.concertEvent;
import static com.tickets.analytics.Events.send;
import static com.tickets.analytics.SalesProjectionTest.confirm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * Days on the venue's calendar: a concert's sales are bucketed in its own zone (from the catalogue) unless the
 * organizer picks another, and a date filter means that zone's day.
 */
@QuarkusTest
class ZoneBucketingTest {

    /** 20:30 on 30 November in New York, 01:30 on 1 December in London. */
    private static final Instant NEW_YORK_EVENING = Instant.parse("2030-12-01T01:30:00Z");
    /** 15:00 on 1 December in New York and in UTC's 1 December. */
    private static final Instant NEW_YORK_AFTERNOON = Instant.parse("2030-12-01T20:00:00Z");

    @Test
    void aConcertsSalesAreOnItsVenuesDaysByDefault() {
        Show show = Show.create();
        send(concertEvent(show, EventTypes.CONCERT_PUBLISHED, "America/New_York", Instant.parse("2030-11-01T10:00:00Z")));
        awaitZone(show, "America/New_York");
        confirm(Booking.of(show, show.tierA(), 1, "10.00"), NEW_YORK_EVENING);
        confirm(Booking.of(show, show.tierA(), 2, "20.00"), NEW_YORK_AFTERNOON);
        awaitConcert(show, totals("30.00", 3));

        JsonPath days = query(show, Map.of());
        assertThat(days.getString("zone")).isEqualTo("America/New_York");
        // New York's 30 November and 1 December, each starting at New York's midnight
        assertThat(days.getList("salesOverTime.localStart")).containsExactly("2030-11-30T00:00:00", "2030-12-01T00:00:00");
        assertThat(days.getList("salesOverTime.date")).containsExactly("2030-11-30T05:00:00Z", "2030-12-01T05:00:00Z");

        // the organizer in London sees both on London's 1 December
        JsonPath london = query(show, Map.of("zone", "Europe/London"));
        assertThat(london.getString("zone")).isEqualTo("Europe/London");
        assertThat(london.getList("salesOverTime.localStart")).containsExactly("2030-12-01T00:00:00");
        assertThat(london.getList("salesOverTime.date")).containsExactly("2030-12-01T00:00:00Z");
        assertThat(london.getList("salesOverTime.tickets").stream().map(Object::toString)).containsExactly("3");
    }

    @Test
    void aDateFilterIsAWholeDayInTheZone() {
        Show show = Show.create();
        send(concertEvent(show, EventTypes.CONCERT_PUBLISHED, "America/New_York", Instant.parse("2030-11-01T10:00:00Z")));
        awaitZone(show, "America/New_York");
        confirm(Booking.of(show, show.tierA(), 1, "10.00"), NEW_YORK_EVENING);
        confirm(Booking.of(show, show.tierA(), 2, "20.00"), NEW_YORK_AFTERNOON);
        awaitConcert(show, totals("30.00", 3));

        assertThat(revenue(query(show, Map.of("startDate", "2030-12-01", "endDate", "2030-12-01"))))
                .isEqualByComparingTo("20.00");
        assertThat(revenue(query(show, Map.of("startDate", "2030-11-30", "endDate", "2030-11-30"))))
                .isEqualByComparingTo("10.00");
        assertThat(revenue(query(show, Map.of("startDate", "2030-12-01", "endDate", "2030-12-01", "zone", "UTC"))))
                .isEqualByComparingTo("30.00");
    }

    @Test
    void theLatestCatalogueEventsZoneWinsWhateverTheOrder() {
        Show show = Show.create();
        // the later change (the venue moved to Tokyo) arrives first; the older event changes nothing after it
        send(concertEvent(show, EventTypes.CONCERT_CHANGED, "Asia/Tokyo", Instant.parse("2030-11-02T10:00:00Z")));
        send(concertEvent(show, EventTypes.CONCERT_PUBLISHED, "America/New_York", Instant.parse("2030-11-01T10:00:00Z")));
        confirm(Booking.of(show, show.tierA(), 1, "10.00"), NEW_YORK_AFTERNOON);
        awaitConcert(show, totals("10.00", 1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(40))
                .until(() -> "Asia/Tokyo".equals(query(show, Map.of()).getString("zone")));

        // 05:00 on 2 December in Tokyo
        assertThat(query(show, Map.of()).getList("salesOverTime.localStart")).containsExactly("2030-12-02T00:00:00");
    }

    @Test
    void anotherOrganizersConcertLendsNoZoneAndAnUnknownOneIsUtc() {
        Show theirs = Show.runBy("organizer2");
        send(concertEvent(theirs, EventTypes.CONCERT_PUBLISHED, "Asia/Tokyo", Instant.parse("2030-11-01T10:00:00Z")));
        Show unknown = Show.create();

        // (the zone lookup is the signed-in organizer's own concerts; give the catalogue event time to land)
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(query(theirs, Map.of()).getString("zone")).isEqualTo("UTC");
        assertThat(query(unknown, Map.of()).getString("zone")).isEqualTo("UTC");
    }

    @Test
    void anUnknownZoneIsA400ProblemNamingTheField() {
        for (String zone : new String[] {"Mars/Olympus_Mons", "+05:00", "../etc", "EST5EDT%00"}) {
            asOrganizer().queryParam("zone", zone).get("/api/analytics/dashboard")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("errors.field", containsInAnyOrder("zone"));
        }
        asOrganizer().queryParam("zone", "Asia/Kolkata").get("/api/analytics/dashboard")
                .then().statusCode(200).body("zone", equalTo("Asia/Kolkata"));
    }

    @Test
    void anEndBeforeTheStartInTheZoneIsA400() {
        // 30 November ends at 15:00 UTC in Tokyo, so it ends before 23:00 UTC that day; in UTC it does not
        asOrganizer().queryParam("zone", "Asia/Tokyo").queryParam("startDate", "2030-11-30T23:00:00Z")
                .queryParam("endDate", "2030-11-30").get("/api/analytics/dashboard")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("endDate"));
        asOrganizer().queryParam("zone", "UTC").queryParam("startDate", "2030-11-30T23:00:00Z")
                .queryParam("endDate", "2030-11-30").get("/api/analytics/dashboard").then().statusCode(200);
    }

    @Test
    void theRepeatedHourAtTheEndOfSummerTimeIsTwoBuckets() {
        Show show = Show.create();
        send(concertEvent(show, EventTypes.CONCERT_PUBLISHED, "America/New_York", Instant.parse("2030-10-01T10:00:00Z")));
        awaitZone(show, "America/New_York");
        confirm(Booking.of(show, show.tierA(), 1, "10.00"), Instant.parse("2030-11-03T05:30:00Z")); // 01:30 EDT
        confirm(Booking.of(show, show.tierA(), 2, "20.00"), Instant.parse("2030-11-03T06:30:00Z")); // 01:30 EST
        awaitConcert(show, totals("30.00", 3));

        JsonPath hours = query(show, Map.of("period", "hour"));
        assertThat(hours.getList("salesOverTime.localStart")).containsExactly("2030-11-03T01:00:00", "2030-11-03T01:00:00");
        assertThat(hours.getList("salesOverTime.date")).containsExactly("2030-11-03T05:00:00Z", "2030-11-03T06:00:00Z");
        JsonPath days = query(show, Map.of("period", "day"));
        assertThat(days.getList("salesOverTime.date")).containsExactly("2030-11-03T04:00:00Z");
    }

    private static JsonPath query(Show show, Map<String, String> params) {
        Map<String, Object> q = new HashMap<>(params);
        q.put("concertId", show.concertId());
        return dashboard(q);
    }

    private static void awaitZone(Show show, String zone) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                .until(() -> zone.equals(query(show, Map.of()).getString("zone")));
    }
}
