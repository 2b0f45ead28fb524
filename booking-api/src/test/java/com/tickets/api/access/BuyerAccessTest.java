package com.tickets.api.access;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import com.tickets.events.signing.BuyerTokens;
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
import static org.hamcrest.Matchers.equalTo;

/**
 * A booking's token manages that booking and nothing else; knowing a buyer's e-mail gives nothing.
 * Written as the attacks: a stranger books in the victim's name to get "their" token, guesses a token
 * from an id or an e-mail, or forges one.
 */
@QuarkusTest
class BuyerAccessTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BuyerAccessConfig config;

    @TestHTTPResource("/")
    URI base;

    private static String tokenOf(HttpResponse<String> created) {
        return created.body().replaceAll("(?s).*\"accessToken\":\"([^\"]+)\".*", "$1");
    }

    private static UUID idOf(HttpResponse<String> created) {
        return UUID.fromString(created.body().replaceAll("(?s)^\\{\"booking\":\\{\"id\":\"([^\"]+)\".*", "$1"));
    }

    @Test
    void aStrangerBookingInTheVictimsNameGetsATokenForTheirOwnBookingOnly() {
        var tier = fixtures.concertWithTier("Takeover", "10.00", 10);
        HttpResponse<String> victims = BookingRequests.post(base, UUID.randomUUID().toString(),
                BookingRequests.body(tier.tierId(), "kate@example.com", 2, tier.total(2)));
        UUID victimBooking = idOf(victims);
        // the victim's e-mail in other letter cases, and with K spelled as U+212A KELVIN SIGN
        for (String spelling : new String[] {"kate@example.com", "KATE@EXAMPLE.COM", "\u212Aate@example.com"}) {
            HttpResponse<String> strangers = BookingRequests.post(base, UUID.randomUUID().toString(),
                    BookingRequests.body(tier.tierId(), spelling, 1, tier.total(1)));
            assertThat(strangers.statusCode()).isEqualTo(201);
            String strangerToken = tokenOf(strangers);
            assertThat(strangerToken).isNotEqualTo(tokenOf(victims));

            given().auth().oauth2(strangerToken).get("/api/bookings/" + victimBooking).then().statusCode(404);
            given().auth().oauth2(strangerToken).post("/api/bookings/" + victimBooking + "/cancel").then().statusCode(404);
            given().auth().oauth2(strangerToken).get("/api/bookings").then().statusCode(401);
            given().auth().oauth2(strangerToken).queryParam("email", "kate@example.com").get("/api/bookings").then().statusCode(401);
        }
        assertThat(fixtures.status(victimBooking)).isEqualTo("PENDING");
        assertThat(fixtures.count("select count(*) from bookings where user_email = 'kate@example.com'")).isGreaterThanOrEqualTo(4);
    }

    @Test
    void theTokenComesInTheBodyAndHeaderAndAReplayRepeatsTheFirstAnswerByteForByte() {
        var tier = fixtures.concertWithTier("Token", "10.00", 10);
        String key = "token-" + UUID.randomUUID();
        String body = BookingRequests.body(tier.tierId(), "Token.Holder@Example.com", 1, tier.total(1));

        HttpResponse<String> fresh = BookingRequests.post(base, key, body);
        HttpResponse<String> replay = BookingRequests.post(base, key, body);

        String token = new BuyerTokens(config.secret()).bookingToken(idOf(fresh));
        assertThat(fresh.statusCode()).isEqualTo(201);
        assertThat(fresh.body()).startsWith("{\"booking\":{").endsWith(",\"accessToken\":\"" + token + "\"}");
        assertThat(fresh.headers().firstValue("Booking-Access-Token")).hasValue(token);
        assertThat(fresh.headers().firstValue("Location")).hasValue("http://localhost:8080/api/bookings/" + idOf(fresh));
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replay.body()).isEqualTo(fresh.body());
        assertThat(replay.headers().firstValue("Booking-Access-Token")).hasValue(token);
    }

    @Test
    void theLocationNeverComesFromTheHostHeader() {
        var tier = fixtures.concertWithTier("Host", "10.00", 10);
        given().header("Host", "evil.example").header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/json").body(BookingRequests.body(tier.tierId(), "host@example.com", 1, tier.total(1)))
                .post("/api/bookings").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.startsWith("http://localhost:8080/api/bookings/"));
    }

    @Test
    void theTokenReadsFollowsAndCancelsItsBookingAndNoOtherOfTheSameBuyer() {
        var tier = fixtures.concertWithTier("Mine", "10.00", 10);
        HttpResponse<String> first = BookingRequests.post(base, UUID.randomUUID().toString(),
                BookingRequests.body(tier.tierId(), "owner@example.com", 2, tier.total(2)));
        UUID other = BookingRequests.book(base, tier.tierId(), "owner@example.com", 1, tier.total(1));
        UUID booking = idOf(first);
        String mine = tokenOf(first);

        given().auth().oauth2(mine).get("/api/bookings/" + booking).then().statusCode(200)
                .body("booking.id", equalTo(booking.toString()))
                .body("booking.tierName", equalTo("Mine"));
        given().auth().oauth2(mine).get("/api/bookings/" + other).then().statusCode(404);
        given().auth().oauth2(mine).post("/api/bookings/" + other + "/cancel").then().statusCode(404);
        given().auth().oauth2(mine).post("/api/bookings/" + booking + "/cancel").then().statusCode(200)
                .body("booking.status", equalTo("CANCELLED"));
        assertThat(fixtures.status(other)).isEqualTo("PENDING");
        assertThat(fixtures.available(tier.tierId())).isEqualTo(9);
    }

    @Test
    void anIdAnEmailOrAForgedTokenOpensNothing() {
        var tier = fixtures.concertWithTier("Forged", "10.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "forged@example.com", 1, tier.total(1));
        String real = new BuyerTokens(config.secret()).bookingToken(booking);
        String flipped = (real.charAt(0) == 'A' ? 'B' : 'A') + real.substring(1);
        String otherKey = new BuyerTokens("an-attackers-own-key-0123456789").bookingToken(booking);

        for (String guess : new String[] {flipped, otherKey, booking.toString(), "forged@example.com",
                "'; drop table bookings; --"}) {
            Response read = given().auth().oauth2(guess).get("/api/bookings/" + booking);
            Response missing = given().auth().oauth2(guess).get("/api/bookings/" + UUID.randomUUID());
            assertThat(read.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
            assertThat(read.jsonPath().getString("type")).isEqualTo(missing.jsonPath().getString("type"));
            given().auth().oauth2(guess).post("/api/bookings/" + booking + "/cancel").then().statusCode(404);
            given().auth().oauth2(guess).get("/api/bookings").then().statusCode(401);
        }
        given().auth().oauth2("x".repeat(2000)).get("/api/bookings/" + booking).then().statusCode(401)
                .contentType("application/problem+json");
        assertThat(fixtures.status(booking)).isEqualTo("PENDING");
    }

    @Test
    void withoutATokenTheAnswerIs401AndSaysHowToAuthenticate() {
        var tier = fixtures.concertWithTier("Anonymous", "10.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "anon@example.com", 1, tier.total(1));

        for (Response r : new Response[] {
                given().get("/api/bookings/" + booking),
                given().post("/api/bookings/" + booking + "/cancel"),
                given().queryParam("email", "anon@example.com").get("/api/bookings"),
                given().header("Authorization", "Bearer ").get("/api/bookings/" + booking)}) {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.jsonPath().getString("type")).endsWith("/authentication-required");
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(fixtures.status(booking)).isEqualTo("PENDING");
    }

    @Test
    void addressesWithControlOrSeparatorCharactersAreRefusedAndWriteNothing() {
        var tier = fixtures.concertWithTier("Odd addresses", "10.00", 10);
        for (String email : new String[] {"kate\u00A0@example.com", "kate@example.com\u2028", "ka\u200Bte@example.com",
                "kate@exa\u0000mple.com", "\tkate@example.com"}) {
            String json = BookingRequests.body(tier.tierId(), email.replace("\u0000", "\\u0000").replace("\t", "\\t"), 1, tier.total(1));
            HttpResponse<String> r = BookingRequests.post(base, UUID.randomUUID().toString(), json);
            assertThat(r.statusCode()).as(email).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(fixtures.available(tier.tierId())).isEqualTo(10);
    }
}
