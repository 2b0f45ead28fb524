package com.tickets.api.organizer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Organizer routes in the test profile (HTTP Basic, demo organizers), attacked: no credentials,
 * a buyer's token, a fan's password, and sixty guesses in a row.
 */
@QuarkusTest
class OrganizerSignInTest {

    static final String WHOAMI = "/api/organizer/whoami";

    @Test
    void eachDemoOrganizerIsSignedInUnderItsOwnName() {
        given().auth().preemptive().basic("organizer", "organizer").get(WHOAMI)
                .then().statusCode(200).body("organizer", equalTo("organizer"));
        given().auth().preemptive().basic("organizer2", "organizer2").get(WHOAMI)
                .then().statusCode(200).body("organizer", equalTo("organizer2"));
    }

    @Test
    void noCredentialsIs401ProblemWithABasicChallenge() {
        given().get(WHOAMI).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("type", equalTo("https://tickets.example.com/problems/unauthorized")).body("status", equalTo(401));
    }

    @Test
    void aBuyersBearerTokenIsNotAnOrganizerSignIn() {
        given().header("Authorization", "Bearer not-a-jwt-but-a-buyer-token").get(WHOAMI)
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aFanWithARightPasswordIs403() {
        given().auth().preemptive().basic("fan", "fan").get(WHOAMI).then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void sixtyWrongPasswordsAreThrottledAndTheRightOneWaitsForTheLockout() throws InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Response r = given().auth().preemptive().basic("organizer2", "guess-" + i).get(WHOAMI);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429) {
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.jsonPath().getString("type")).isEqualTo("https://tickets.example.com/problems/rate-limited");
                assertThat(r.jsonPath().getInt("status")).isEqualTo(429);
                assertThat(r.jsonPath().getString("title")).isNotBlank();
                assertThat(r.jsonPath().getString("detail")).isNotBlank();
                assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 3L);
            }
        }
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(5, 60)).containsOnly(429);

        Response right = given().auth().preemptive().basic("organizer2", "organizer2").get(WHOAMI);
        assertThat(right.statusCode()).as("the right password during the lockout").isEqualTo(429);
        Thread.sleep(Long.parseLong(right.header("Retry-After")) * 1000 + 300);
        given().auth().preemptive().basic("organizer2", "organizer2").get(WHOAMI)
                .then().statusCode(200).body("organizer", equalTo("organizer2"));
    }
}
