package com.tickets.api.organizer;

import com.tickets.api.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static com.tickets.api.organizer.OrganizerApi.ORGANIZER;
import static com.tickets.api.organizer.OrganizerApi.ORGANIZER2;
import static com.tickets.api.organizer.OrganizerApi.as;
import static com.tickets.api.organizer.OrganizerApi.tierJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Attacks on another organizer's show: organizer2 reads, changes, publishes, cancels and adds to organizer's
 * concert and tier, and gets the 404 of an unknown id every time, with nothing changed; nobody signed in gets 401.
 */
@QuarkusTest
class OrganizerOwnershipTest {

    @Inject
    Fixtures fixtures;

    @Test
    void anotherOrganizersConcertAndTierAreNotFoundAndStayAsTheyAre() {
        var response = OrganizerApi.create(ORGANIZER, OrganizerApi.concertJson("Mine", tierJson("GA", "10", 10)));
        String concert = response.jsonPath().getString("concert.id");
        String tier = response.jsonPath().getString("concert.ticketTiers[0].id");
        long audit = fixtures.count("select count(*) from organizer_audit");

        notFound(as(ORGANIZER2).get("/api/organizer/concerts/" + concert));
        notFound(as(ORGANIZER2).body("{\"name\":\"Theirs now\"}").patch("/api/organizer/concerts/" + concert));
        notFound(as(ORGANIZER2).post("/api/organizer/concerts/" + concert + "/publish"));
        notFound(as(ORGANIZER2).post("/api/organizer/concerts/" + concert + "/cancel"));
        notFound(as(ORGANIZER2).body(tierJson("Extra", "1", 1)).post("/api/organizer/concerts/" + concert + "/tiers"));
        notFound(as(ORGANIZER2).body("{\"totalQuantity\":0}").patch("/api/organizer/tiers/" + tier));
        notFound(as(ORGANIZER2).body("{\"price\":0}").patch("/api/organizer/tiers/" + tier));
        as(ORGANIZER2).get("/api/organizer/concerts").then().statusCode(200).body("concerts.id", not(hasItem(concert)));
        // an unknown id answers exactly the same
        notFound(as(ORGANIZER2).get("/api/organizer/concerts/" + UUID.randomUUID()));

        as(ORGANIZER).get("/api/organizer/concerts/" + concert).then().statusCode(200)
                .body("concert.name", equalTo("Mine")).body("concert.status", equalTo("DRAFT"))
                .body("concert.ticketTiers[0].totalQuantity", equalTo(10)).body("concert.ticketTiers[0].price", equalTo(10.0f));
        assertThat(fixtures.count("select count(*) from ticket_tiers where concert_id = ?::uuid", concert)).isEqualTo(1);
        assertThat(fixtures.count("select count(*) from organizer_audit")).isEqualTo(audit);
    }

    @Test
    void withoutCredentialsEveryOrganizerRouteIs401() {
        String concert = UUID.randomUUID().toString();
        String tier = UUID.randomUUID().toString();
        unauthorized(given().contentType("application/json").body("{}").post("/api/organizer/concerts"));
        unauthorized(given().get("/api/organizer/concerts"));
        unauthorized(given().get("/api/organizer/concerts/" + concert));
        unauthorized(given().contentType("application/json").body("{}").patch("/api/organizer/concerts/" + concert));
        unauthorized(given().post("/api/organizer/concerts/" + concert + "/publish"));
        unauthorized(given().post("/api/organizer/concerts/" + concert + "/cancel"));
        unauthorized(given().contentType("application/json").body("{}").post("/api/organizer/concerts/" + concert + "/tiers"));
        unauthorized(given().contentType("application/json").body("{}").patch("/api/organizer/tiers/" + tier));
        // a buyer's bearer token is no organizer sign-in, and a signed-in fan has no organizer role
        unauthorized(given().header("Authorization", "Bearer some-booking-token").get("/api/organizer/concerts"));
        given().auth().preemptive().basic("fan", "fan").get("/api/organizer/concerts").then().statusCode(403)
                .contentType("application/problem+json");
    }

    private static void notFound(io.restassured.response.Response r) {
        r.then().statusCode(404).contentType("application/problem+json").body("type", endsWith("/not-found"));
    }

    private static void unauthorized(io.restassured.response.Response r) {
        r.then().statusCode(401).contentType("application/problem+json");
    }
}
