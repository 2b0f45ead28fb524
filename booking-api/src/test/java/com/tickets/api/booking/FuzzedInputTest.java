package com.tickets.api.booking;

import com.tickets.api.Fixtures;
import com.tickets.api.JsonMutations;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random mutations of a valid booking request (characters dropped, inserted or swapped,
 * values replaced by other JSON types, extreme numbers, control characters): the API never answers
 * 500, every refusal is problem+json, and refused requests write nothing. The seed is in every
 * failure message, so a failure can be replayed.
 */
@QuarkusTest
class FuzzedInputTest {

    /** the management interface (its own port, not the API's): readiness is there */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    static final long SEED = Long.getLong("fuzz.seed", 20261124L);
    static final int CASES = 400;

    @Inject
    Fixtures fixtures;

    @Test
    void randomlyMutatedRequestsAreNeverAServerError() {
        var tier = fixtures.concertWithTier("Fuzz", "20.00", 100_000);
        String valid = """
                {"ticketTierId":"%s","userEmail":"fuzz@example.com","quantity":2,"totalPrice":40.00,"currency":"USD"}"""
                .formatted(tier.tierId());
        Random random = new Random(SEED);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String body = JsonMutations.mutate(valid, random, "ticketTierId", "userEmail", "quantity", "totalPrice", "currency");
            String key = random.nextInt(10) == 0 ? "k".repeat(random.nextInt(300)) : UUID.randomUUID().toString();
            Response response = given().contentType("application/json").header("Idempotency-Key", key).body(body)
                    .post("/api/bookings");
            String where = "seed " + SEED + " case " + i + ": " + body;
            assertThat(response.statusCode()).as(where).isLessThan(500);
            if (response.statusCode() == 201) {
                created.add(response.jsonPath().getString("booking.id"));
            } else {
                assertThat(response.contentType()).as(where).startsWith("application/problem+json");
            }
        }
        // only accepted requests took tickets
        long taken = fixtures.count("select coalesce(sum(quantity), 0) from bookings where ticket_tier_id = ?", tier.tierId());
        assertThat(fixtures.count("select count(*) from bookings where ticket_tier_id = ?", tier.tierId())).isEqualTo(created.size());
        assertThat(fixtures.available(tier.tierId())).isEqualTo(100_000 - taken);
        given().get(management.resolve("/q/health/ready")).then().statusCode(200);
    }
}
