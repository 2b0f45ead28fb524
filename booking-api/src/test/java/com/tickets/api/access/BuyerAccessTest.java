package com.tickets.api.access;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** A booking is its buyer's: read, listed and cancelled only with the access token its 201 carried. */
@QuarkusTest
class BuyerAccessTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BuyerAccessTokens tokens;

    @TestHTTPResource("/")
    URI base;

    @Test
    void theTokenComesInTheBodyAndHeaderOfFreshAndReplayedBookingsAlike() throws Exception {
        var tier = fixtures.concertWithTier("Token", "10.00", 10);
        String key = "token-" + UUID.randomUUID();
        String body = BookingRequests.body(tier.tierId(), "Token.Holder@Example.com", 1, tier.total(1));

        HttpResponse<String> fresh = BookingRequests.post(base, key, body);
        HttpResponse<String> replay = BookingRequests.post(base, key, body);

        String token = tokens.issue("token.holder@example.com");
        assertThat(fresh.statusCode()).isEqualTo(201);
        assertThat(fresh.body()).startsWith("{\"booking\":{").endsWith(",\"accessToken\":\"" + token + "\"}");
        assertThat(fresh.headers().firstValue("Booking-Access-Token")).hasValue(token);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replay.body()).isEqualTo(fresh.body());
        assertThat(replay.headers().firstValue("Booking-Access-Token")).hasValue(token);
    }

    @Test
    void theBuyerReadsListsAndCancelsTheirOwnBooking() {
        var tier = fixtures.concertWithTier("Mine", "10.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "owner@example.com", 2, tier.total(2));
        String mine = tokens.issue("owner@example.com");

        given().auth().oauth2(mine).get("/api/bookings/" + booking).then().statusCode(200)
                .body("booking.id", equalTo(booking.toString()));
        given().auth().oauth2(mine).queryParam("email", "OWNER@example.com").get("/api/bookings").then().statusCode(200)
                .body("bookings.id", org.hamcrest.Matchers.hasItem(booking.toString()));
        given().auth().oauth2(mine).post("/api/bookings/" + booking + "/cancel").then().statusCode(200)
                .body("booking.status", equalTo("CANCELLED"));
        assertThat(fixtures.available(tier.tierId())).isEqualTo(10);
    }

    @Test
    void anotherBuyerCannotReadListOrCancelIt() {
        var tier = fixtures.concertWithTier("Not yours", "10.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "victim@example.com", 2, tier.total(2));
        String stranger = tokens.issue("stranger@example.com");

        // by id: exactly what an id that does not exist gets, so ids cannot be probed
        Response read = given().auth().oauth2(stranger).get("/api/bookings/" + booking);
        Response missing = given().auth().oauth2(stranger).get("/api/bookings/" + UUID.randomUUID());
        assertThat(read.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(read.contentType()).startsWith("application/problem+json");
        assertThat(read.jsonPath().getString("type")).isEqualTo(missing.jsonPath().getString("type"));
        given().auth().oauth2(stranger).post("/api/bookings/" + booking + "/cancel").then().statusCode(404)
                .contentType("application/problem+json");
        assertThat(fixtures.status(booking)).isEqualTo("PENDING");
        assertThat(fixtures.available(tier.tierId())).isEqualTo(8);

        given().auth().oauth2(stranger).queryParam("email", "victim@example.com").get("/api/bookings").then()
                .statusCode(403).contentType("application/problem+json").body("type", endsWith("/forbidden"));
    }

    @Test
    void withoutATokenTheAnswerIs401AndSaysHowToAuthenticate() {
        var tier = fixtures.concertWithTier("Anonymous", "10.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "anon@example.com", 1, tier.total(1));

        for (Response r : new Response[] {
                given().get("/api/bookings/" + booking),
                given().post("/api/bookings/" + booking + "/cancel"),
                given().queryParam("email", "anon@example.com").get("/api/bookings"),
                given().header("Authorization", "Basic b3JnYW5pemVyOm9yZ2FuaXplcg==").get("/api/bookings/" + booking),
                given().header("Authorization", "Bearer ").get("/api/bookings/" + booking)}) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.jsonPath().getString("type")).endsWith("/authentication-required");
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(fixtures.status(booking)).isEqualTo("PENDING");
    }

    @Test
    void aForgedOrOverlongTokenOpensNothing() {
        var tier = fixtures.concertWithTier("Forged", "10.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "forged@example.com", 1, tier.total(1));
        String real = tokens.issue("forged@example.com");
        String flipped = (real.charAt(0) == 'A' ? 'B' : 'A') + real.substring(1);

        given().auth().oauth2(flipped).get("/api/bookings/" + booking).then().statusCode(404);
        given().auth().oauth2("x".repeat(2000)).get("/api/bookings/" + booking).then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("'; drop table bookings; --").queryParam("email", "forged@example.com").get("/api/bookings")
                .then().statusCode(403).contentType("application/problem+json");
        assertThat(fixtures.status(booking)).isEqualTo("PENDING");
    }
}
