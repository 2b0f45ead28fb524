package com.tickets.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing an organizer's password: after a few failures every attempt is a 429 with Retry-After,
 * the right password included, until the wait has passed (test profile: lockouts of at most 3 s).
 */
@QuarkusTest
class OrganizerSignInAttackTest {

    static Response signIn(String password) {
        return given().auth().preemptive().basic("organizer2", password).get("/api/analytics/dashboard");
    }

    @Test
    void sixtyWrongPasswordsAreThrottledAndTheRightOneWaitsForTheLockout() throws InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        Response last = null;
        for (int i = 0; i < 60; i++) {
            last = signIn("guess-" + i);
            statuses.add(last.statusCode());
            if (last.statusCode() == 429) {
                assertThat(last.contentType()).startsWith("application/problem+json");
                assertThat(last.jsonPath().getString("type")).isEqualTo("https://tickets.example.com/problems/rate-limited");
                assertThat(last.jsonPath().getInt("status")).isEqualTo(429);
                assertThat(last.jsonPath().getString("title")).isNotBlank();
                assertThat(last.jsonPath().getString("detail")).isNotBlank();
                assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 3L);
            }
        }
        assertThat(statuses.subList(0, 5)).as("five free failures").containsOnly(401);
        assertThat(statuses.subList(5, 60)).as("then locked out").containsOnly(429);

        Response right = signIn("organizer2");
        assertThat(right.statusCode()).as("the right password during the lockout").isEqualTo(429);
        long wait = Long.parseLong(right.header("Retry-After"));
        assertThat(wait).isPositive();

        Thread.sleep(wait * 1000 + 300);
        assertThat(signIn("organizer2").statusCode()).as("after the wait").isEqualTo(200);
        // and the name starts afresh: one typo is a 401 again, not a lockout
        assertThat(signIn("typo").statusCode()).isEqualTo(401);
        assertThat(signIn("organizer2").statusCode()).isEqualTo(200);
    }

    @Test
    void guessingUserNamesFromOneAddressIsThrottledToo() throws InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(given().auth().preemptive().basic("nobody-" + i, "organizer").get("/api/analytics/dashboard").statusCode());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 12)).as("the address is locked out, whatever the name").containsOnly(429);
        Response organizer = Dashboards.asOrganizer().get("/api/analytics/dashboard");
        assertThat(organizer.statusCode()).as("a right password from that address waits as well").isEqualTo(429);
        Thread.sleep(Long.parseLong(organizer.header("Retry-After")) * 1000 + 300);
        Dashboards.asOrganizer().get("/api/analytics/dashboard").then().statusCode(200);
    }
}
