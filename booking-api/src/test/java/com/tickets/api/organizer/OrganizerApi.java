package com.tickets.api.organizer;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The organizer routes as the demo organizers call them (HTTP Basic in the test profile). */
public final class OrganizerApi {

    public static final String ORGANIZER = "organizer";
    public static final String ORGANIZER2 = "organizer2";

    private OrganizerApi() {
    }

    public static RequestSpecification as(String organizer) {
        return given().auth().preemptive().basic(organizer, organizer).contentType("application/json");
    }

    /** A valid creation body: one show ten days from now, in Berlin, with the given tiers' JSON. */
    public static String concertJson(String name, String tiersJson) {
        return """
                {"name":"%s","description":"A test show","location":"Test Hall","timeZone":"Europe/Berlin",
                 "date":"%s","ticketTiers":[%s]}""".formatted(name, Instant.now().plus(10, ChronoUnit.DAYS), tiersJson);
    }

    public static String tierJson(String name, String price, int quantity) {
        return """
                {"name":"%s","price":%s,"currency":"USD","totalQuantity":%d}""".formatted(name, price, quantity);
    }

    public static Response create(String organizer, String body) {
        return as(organizer).header("Idempotency-Key", UUID.randomUUID().toString()).body(body)
                .post("/api/organizer/concerts");
    }

    /** A concert with one tier, created and published; answers the creation's body. */
    public static Created published(String organizer, String tierName, String price, int quantity) {
        Response created = create(organizer, concertJson("Show " + UUID.randomUUID().toString().substring(0, 8),
                tierJson(tierName, price, quantity)));
        created.then().statusCode(201);
        UUID concert = UUID.fromString(created.jsonPath().getString("concert.id"));
        UUID tier = UUID.fromString(created.jsonPath().getString("concert.ticketTiers[0].id"));
        as(organizer).post("/api/organizer/concerts/" + concert + "/publish").then().statusCode(200);
        return new Created(concert, tier, new java.math.BigDecimal(price));
    }

    public record Created(UUID concertId, UUID tierId, java.math.BigDecimal price) {
        public java.math.BigDecimal total(int quantity) {
            return price.multiply(java.math.BigDecimal.valueOf(quantity));
        }
    }
}
