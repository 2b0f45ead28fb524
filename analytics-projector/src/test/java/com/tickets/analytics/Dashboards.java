package com.tickets.analytics;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Reads the dashboard as an organizer. */
final class Dashboards {

    private Dashboards() {
    }

    static RequestSpecification asOrganizer() {
        return given().auth().preemptive().basic("organizer", "organizer");
    }

    static JsonPath dashboard(Map<String, ?> query) {
        return asOrganizer().queryParams(query).get("/api/analytics/dashboard")
                .then().statusCode(200).extract().jsonPath()
                .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    static JsonPath ofConcert(Events.Show show, String period) {
        return dashboard(Map.of("concertId", show.concertId(), "period", period));
    }

    static JsonPath awaitConcert(Events.Show show, Predicate<JsonPath> condition) {
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                .until(() -> condition.test(ofConcert(show, "day")));
        return ofConcert(show, "day");
    }

    static BigDecimal revenue(JsonPath json) {
        return new BigDecimal(json.getString("summary.totalRevenue"));
    }

    static long tickets(JsonPath json) {
        return json.getLong("summary.totalTicketsSold");
    }

    static Predicate<JsonPath> totals(String revenue, long tickets) {
        return json -> revenue(json).compareTo(new BigDecimal(revenue)) == 0 && tickets(json) == tickets;
    }
}
