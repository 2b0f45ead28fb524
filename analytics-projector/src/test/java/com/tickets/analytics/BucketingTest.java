package com.tickets.analytics;

import com.tickets.analytics.Events.Booking;
import com.tickets.analytics.Events.Show;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static com.tickets.analytics.Dashboards.awaitConcert;
import static com.tickets.analytics.Dashboards.dashboard;
import static com.tickets.analytics.Dashboards.ofConcert;
import static com.tickets.analytics.Dashboards.revenue;
import static com.tickets.analytics.Dashboards.totals;
import static com.tickets.analytics.SalesProjectionTest.confirm;
import static org.assertj.core.api.Assertions.assertThat;

/** Revenue belongs to the moment of confirmation, bucketed by hour, day or ISO week in UTC. */
@QuarkusTest
class BucketingTest {

    @Test
    void salesAreBucketedByHourDayAndWeekInUtc() {
        Show show = Show.create();
        // Sunday 2030-11-24 23:30 UTC, then three sales in Monday's first UTC hour (one given in
        // +01:00): two hours, two days, two ISO weeks (weeks start on Monday)
        confirm(Booking.of(show, show.tierA(), 1, "10.00"), Instant.parse("2030-11-24T23:30:00Z"));
        confirm(Booking.of(show, show.tierA(), 2, "20.00"), Instant.parse("2030-11-25T00:30:00Z"));
        confirm(Booking.of(show, show.tierB(), 1, "5.00"), Instant.parse("2030-11-25T00:59:59Z"));
        confirm(Booking.of(show, show.tierB(), 1, "7.00"), Instant.parse("2030-11-25T01:10:00+01:00")); // 00:10 UTC
        awaitConcert(show, totals("42.00", 5));

        JsonPath hours = ofConcert(show, "hour");
        assertThat(hours.getList("salesOverTime.date"))
                .containsExactly("2030-11-24T23:00:00Z", "2030-11-25T00:00:00Z");
        assertThat(hours.getList("salesOverTime.tickets").stream().map(Object::toString)).containsExactly("1", "4");
        assertThat(ofConcert(show, "day").getList("salesOverTime.date"))
                .containsExactly("2030-11-24T00:00:00Z", "2030-11-25T00:00:00Z");
        JsonPath weeks = ofConcert(show, "week");
        assertThat(weeks.getList("salesOverTime.date")).containsExactly("2030-11-18T00:00:00Z", "2030-11-25T00:00:00Z");
        assertThat(new java.math.BigDecimal(weeks.getString("salesOverTime[1].revenue"))).isEqualByComparingTo("32.00");
    }

    @Test
    void dateFiltersIncludeBothEndsAndTakeDatesOrDateTimes() {
        Show show = Show.create();
        confirm(Booking.of(show, show.tierA(), 1, "1.00"), Instant.parse("2030-12-01T10:00:00Z"));
        confirm(Booking.of(show, show.tierA(), 1, "2.00"), Instant.parse("2030-12-02T23:59:59Z"));
        confirm(Booking.of(show, show.tierA(), 1, "4.00"), Instant.parse("2030-12-03T00:00:00Z"));
        awaitConcert(show, totals("7.00", 3));

        assertThat(revenue(query(show, "2030-12-02", "2030-12-02"))).isEqualByComparingTo("2.00");
        assertThat(revenue(query(show, "2030-12-01", "2030-12-02"))).isEqualByComparingTo("3.00");
        assertThat(revenue(query(show, "2030-12-02T00:00:00Z", null))).isEqualByComparingTo("6.00");
        assertThat(revenue(query(show, null, "2030-12-03T00:00:00Z"))).isEqualByComparingTo("7.00");
        assertThat(revenue(query(show, "2030-12-01T10:00:00", "2030-12-01T10:00:00"))).isEqualByComparingTo("1.00");
        assertThat(revenue(query(show, "2030-12-03T01:00:00+01:00", null))).isEqualByComparingTo("4.00");
    }

    private static JsonPath query(Show show, String start, String end) {
        Map<String, Object> q = new java.util.HashMap<>(Map.of("concertId", show.concertId()));
        if (start != null) {
            q.put("startDate", start);
        }
        if (end != null) {
            q.put("endDate", end);
        }
        return dashboard(q);
    }
}
