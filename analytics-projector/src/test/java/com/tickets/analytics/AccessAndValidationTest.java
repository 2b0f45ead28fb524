package com.tickets.analytics;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Organizers only, and every malformed query is a problem+json 400 naming its fields. */
@QuarkusTest
class AccessAndValidationTest {

    @Test
    void withoutCredentialsTheAnswerIs401WithABasicChallenge() {
        given().get("/api/analytics/dashboard").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("status", equalTo(401)).body("instance", equalTo("/api/analytics/dashboard"));
        given().post("/api/analytics/rebuild").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aWrongPasswordIs401() {
        given().auth().preemptive().basic("organizer", "wrong").get("/api/analytics/dashboard")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().preemptive().basic("nobody", "organizer").get("/api/analytics/dashboard")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aUserWithoutTheOrganizerRoleIs403() {
        given().auth().preemptive().basic("fan", "fan").get("/api/analytics/dashboard")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().auth().preemptive().basic("fan", "fan").post("/api/analytics/rebuild")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theOrganizerSeesAnEmptyShowAsZeros() {
        Dashboards.asOrganizer().queryParam("concertId", java.util.UUID.randomUUID()).get("/api/analytics/dashboard")
                .then().statusCode(200).contentType("application/json")
                .body(equalTo("{\"summary\":{\"totalRevenue\":0.00,\"totalTicketsSold\":0},"
                        + "\"salesOverTime\":[],\"revenueByTier\":[],\"waitlistByTier\":[],\"zone\":\"UTC\"}"));
    }

    @Test
    void malformedParametersAreA400ProblemNamingEachField() {
        Dashboards.asOrganizer().queryParam("concertId", "nope").queryParam("period", "month")
                .queryParam("startDate", "yesterday").queryParam("endDate", "2030-13-01")
                .get("/api/analytics/dashboard").then().statusCode(400).contentType("application/problem+json")
                .body("type", notNullValue()).body("title", notNullValue()).body("status", equalTo(400))
                .body("detail", notNullValue()).body("instance", equalTo("/api/analytics/dashboard"))
                .body("errors.field", containsInAnyOrder("concertId", "period", "startDate", "endDate"))
                .body("errors.message", hasItem("must be hour, day or week"));
    }

    @Test
    void anEndBeforeTheStartIsA400() {
        Dashboards.asOrganizer().queryParam("startDate", "2030-11-02").queryParam("endDate", "2030-11-01")
                .get("/api/analytics/dashboard").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("endDate"));
    }

    @Test
    void periodsAreCaseInsensitiveAndEveryParameterIsOptional() {
        Dashboards.asOrganizer().queryParam("period", "WEEK").get("/api/analytics/dashboard").then().statusCode(200);
        Dashboards.asOrganizer().get("/api/analytics/dashboard").then().statusCode(200);
    }
}
