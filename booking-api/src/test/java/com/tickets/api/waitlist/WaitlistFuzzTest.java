package com.tickets.api.waitlist;

import com.tickets.api.Fixtures;
import com.tickets.api.JsonMutations;
import com.tickets.api.organizer.OrganizerApi;
import com.tickets.events.signing.BuyerTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Random;
import java.util.UUID;

import static com.tickets.api.organizer.OrganizerApi.ORGANIZER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random mutations of valid waitlist requests (joins, claims, and the tokens in their paths): never a
 * server error, every refusal problem+json, and nothing written by a refused request. The seed is in every
 * failure message.
 */
@QuarkusTest
class WaitlistFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    static final int CASES = 250;

    @Inject
    Fixtures fixtures;

    @TestHTTPResource("/")
    URI base;

    @Test
    void mutatedJoinsAreNeverAServerErrorAndOnlyAcceptedOnesJoin() {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Fuzzed", "20.00", 1);
        WaitlistApi.book(base, show.tierId(), "holder@example.com", 1, show.total(1));
        String valid = """
                {"ticketTierId":"%s","userEmail":"fuzz@example.com","quantity":2}""".formatted(show.tierId());
        Random random = new Random(SEED);
        int joined = 0;
        for (int i = 0; i < CASES; i++) {
            String body = JsonMutations.mutate(valid, random, "ticketTierId", "userEmail", "quantity");
            String key = random.nextInt(10) == 0 ? "k".repeat(random.nextInt(300)) : UUID.randomUUID().toString();
            Response r = given().contentType("application/json").header("Idempotency-Key", key).body(body).post("/api/waitlist");
            String where = "seed " + SEED + " join case " + i + ": " + body;
            assertThat(r.statusCode()).as(where).isLessThan(500);
            if (r.statusCode() == 201) {
                joined++;
                WaitlistApi.leave(WaitlistApi.Joined.of(r)); // so that the next valid join is not refused as a repeat
            } else {
                assertThat(r.contentType()).as(where).startsWith("application/problem+json");
            }
        }
        assertThat(fixtures.count("select count(*) from waitlist_entries where ticket_tier_id = ?", show.tierId()))
                .isEqualTo(joined);
    }

    @Test
    void mutatedClaimsAndTokensAreNeverAServerErrorAndBookAtMostOnce() {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Fuzzed claims", "20.00", 2);
        WaitlistApi.Booked booking = WaitlistApi.book(base, show.tierId(), "holder@example.com", 2, show.total(2));
        WaitlistApi.Joined entry = WaitlistApi.joined(show.tierId(), "claimer@example.com", 2);
        WaitlistApi.cancel(booking);
        String token = new BuyerTokens(ConfigProvider.getConfig().getValue("booking.access.secret", String.class))
                .waitlistOfferToken(entry.id());
        String valid = """
                {"totalPrice":40.00,"currency":"USD"}""";
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            boolean mutateToken = random.nextInt(3) == 0;
            String path = mutateToken ? JsonMutations.mutate(token, random) : token;
            String body = mutateToken ? valid : JsonMutations.mutate(valid, random, "totalPrice", "currency");
            Response r = given().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(body).urlEncodingEnabled(true).post("/api/waitlist/offers/{token}/claim", path);
            String where = "seed " + SEED + " claim case " + i + ": " + path + " " + body;
            assertThat(r.statusCode()).as(where).isLessThan(500);
            if (r.statusCode() != 201) {
                assertThat(r.contentType()).as(where).startsWith("application/problem+json");
            }
        }
        assertThat(fixtures.count("select count(*) from bookings where ticket_tier_id = ? and user_email = 'claimer@example.com'",
                show.tierId())).isLessThanOrEqualTo(1);
        assertThat(fixtures.count("select offered_quantity + available_quantity from ticket_tiers where id = ?", show.tierId())
                + fixtures.count("select coalesce(sum(quantity), 0) from bookings where ticket_tier_id = ? and status = 'PENDING'",
                show.tierId())).isEqualTo(2);
    }
}
