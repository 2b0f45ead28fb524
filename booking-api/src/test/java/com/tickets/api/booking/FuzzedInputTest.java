package com.tickets.api.booking;

import com.tickets.api.Fixtures;
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
    static final String[] ODD_VALUES = {"null", "true", "[]", "{}", "\"\"", "-0", "1e309", "0.0000001", "99999999999999999999",
            "\"\\u0000\"", "\"<b>x</b>\"", "\"' OR 1=1 --\"", "\"" + "x".repeat(300) + "\"", "-1", "1.999", "\"10\""};

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
            String body = mutate(valid, random);
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

    static String mutate(String valid, Random random) {
        StringBuilder s = new StringBuilder(valid);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            switch (random.nextInt(5)) {
                case 0 -> { // drop a character
                    if (s.length() > 1) {
                        s.deleteCharAt(random.nextInt(s.length()));
                    }
                }
                case 1 -> s.insert(random.nextInt(s.length() + 1), (char) (random.nextInt(0x7f - 1) + 1));
                case 2 -> { // swap two characters
                    int a = random.nextInt(s.length());
                    int b = random.nextInt(s.length());
                    char c = s.charAt(a);
                    s.setCharAt(a, s.charAt(b));
                    s.setCharAt(b, c);
                }
                default -> { // replace one field's value by an odd JSON value
                    String[] fields = {"ticketTierId", "userEmail", "quantity", "totalPrice", "currency"};
                    String field = fields[random.nextInt(fields.length)];
                    String odd = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
                    String replaced = s.toString().replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":"
                            + java.util.regex.Matcher.quoteReplacement(odd));
                    s = new StringBuilder(replaced);
                }
            }
        }
        return s.toString();
    }
}
