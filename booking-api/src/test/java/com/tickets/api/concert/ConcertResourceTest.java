package com.tickets.api.concert;

import com.tickets.api.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class ConcertResourceTest {

    @Inject
    Fixtures fixtures;

    @Test
    void listsConcertsWithTheirTiersAndLiveAvailability() {
        var tier = fixtures.concertWithTier("Balcony", "42.50", 7);
        given().get("/api/concerts").then().statusCode(200)
                .body("concerts.id", hasItem(tier.concertId().toString()))
                .body("concerts.find { it.id == '%s' }.ticketTiers[0].price".formatted(tier.concertId()), equalTo(42.50f))
                .body("concerts.find { it.id == '%s' }.ticketTiers[0].currency".formatted(tier.concertId()), equalTo("USD"))
                .body("concerts.find { it.id == '%s' }.ticketTiers[0].availableQuantity".formatted(tier.concertId()), equalTo(7));
    }

    @Test
    void getsOneConcert() {
        var tier = fixtures.concertWithTier("Stalls", "10.00", 3);
        given().get("/api/concerts/" + tier.concertId()).then().statusCode(200)
                .body("concert.id", equalTo(tier.concertId().toString()))
                .body("concert.ticketTiers[0].id", equalTo(tier.tierId().toString()))
                .body("concert.ticketTiers[0].concertId", equalTo(tier.concertId().toString()));
    }

    @Test
    void unknownConcertIsANotFoundProblem() {
        given().get("/api/concerts/" + java.util.UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", startsWith("https://")).body("status", equalTo(404));
    }

    @Test
    void malformedConcertIdIsABadRequestProblem() {
        given().get("/api/concerts/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"));
    }
}
