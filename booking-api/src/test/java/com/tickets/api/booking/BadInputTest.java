package com.tickets.api.booking;

import com.tickets.api.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every malformed request is answered with a 4xx application/problem+json, writes nothing, and
 * leaves the service healthy (quality-bar.md, "Bad input").
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {

    /** the management interface (its own port, not the API's): readiness is there */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Inject
    Fixtures fixtures;

    Fixtures.Tier tier;

    @BeforeAll
    void oneTierToAimAt() {
        tier = fixtures.concertWithTier("Target", "20.00", 50);
    }

    static String valid(String tierId) {
        return """
                {"ticketTierId":"%s","userEmail":"fan@example.com","quantity":2,"totalPrice":40.00,"currency":"USD"}"""
                .formatted(tierId);
    }

    static String with(String tierId, String field, String rawJsonValue) {
        String body = valid(tierId);
        String replaced = body.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + rawJsonValue);
        return replaced;
    }

    static String without(String tierId, String field) {
        return valid(tierId).replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*),?", "").replace(",}", "}");
    }

    /** name, expected status, request (given the tier id) */
    static Stream<Arguments> badRequests() {
        String longKey = "k".repeat(256);
        String megabyte = "{\"userEmail\":\"" + "a".repeat(1024 * 1024) + "\"}";
        return Stream.of(
                post("empty body", 400, t -> ""),
                post("invalid JSON", 400, t -> "{\"ticketTierId\":"),
                post("JSON array", 400, t -> "[]"),
                post("JSON string", 400, t -> "\"book me\""),
                post("JSON null", 400, t -> "null"),
                post("missing ticketTierId", 400, t -> without(t, "ticketTierId")),
                post("ticketTierId not a UUID", 400, t -> with(t, "ticketTierId", "\"abc\"")),
                post("ticketTierId a number", 400, t -> with(t, "ticketTierId", "123")),
                post("unknown ticketTierId", 404, t -> with(t, "ticketTierId", "\"" + UUID.randomUUID() + "\"")),
                post("missing userEmail", 400, t -> without(t, "userEmail")),
                post("userEmail not an email", 400, t -> with(t, "userEmail", "\"not-an-email\"")),
                post("userEmail with HTML", 400, t -> with(t, "userEmail", "\"<script>alert(1)</script>@x.com\"")),
                post("userEmail with SQL", 400, t -> with(t, "userEmail", "\"x'; drop table bookings;--@x.com\"")),
                post("userEmail too long", 400, t -> with(t, "userEmail", "\"" + "a".repeat(250) + "@example.com\"")),
                post("userEmail an object", 400, t -> with(t, "userEmail", "{\"a\":1}")),
                post("userEmail a number", 400, t -> with(t, "userEmail", "123")),
                post("userEmail a boolean", 400, t -> with(t, "userEmail", "false")),
                post("missing quantity", 400, t -> without(t, "quantity")),
                post("quantity zero", 400, t -> with(t, "quantity", "0")),
                post("quantity negative", 400, t -> with(t, "quantity", "-1")),
                post("quantity over ten", 400, t -> with(t, "quantity", "11")),
                post("quantity huge", 400, t -> with(t, "quantity", "99999999999999999999999")),
                post("quantity a word", 400, t -> with(t, "quantity", "\"two\"")),
                post("quantity fractional", 400, t -> with(t, "quantity", "1.5")),
                post("quantity a numeric string", 400, t -> with(t, "quantity", "\"1\"")),
                post("quantity a boolean", 400, t -> with(t, "quantity", "true")),
                post("quantity 2.0", 400, t -> with(t, "quantity", "2.0")),
                post("missing totalPrice", 400, t -> without(t, "totalPrice")),
                post("totalPrice negative", 400, t -> with(t, "totalPrice", "-40.00")),
                post("totalPrice three decimals", 400, t -> with(t, "totalPrice", "40.005")),
                post("totalPrice a word", 400, t -> with(t, "totalPrice", "\"forty\"")),
                post("totalPrice a numeric string", 400, t -> with(t, "totalPrice", "\"40.00\"")),
                post("totalPrice a boolean", 400, t -> with(t, "totalPrice", "true")),
                post("totalPrice not price x quantity", 422, t -> with(t, "totalPrice", "39.99")),
                post("currency lower case", 400, t -> with(t, "currency", "\"usd\"")),
                post("currency of another tier", 422, t -> with(t, "currency", "\"EUR\"")),
                post("missing currency", 400, t -> without(t, "currency")),
                post("currency a boolean", 400, t -> with(t, "currency", "true")),
                post("currency a number", 400, t -> with(t, "currency", "840")),
                post("ticketTierId a boolean", 400, t -> with(t, "ticketTierId", "true")),
                post("extra field", 400, t -> valid(t).replace("}", ",\"admin\":true}")),
                Arguments.of("no idempotency key", 400, (Function<String, Response>) t ->
                        given().contentType("application/json").body(valid(t)).post("/api/bookings")),
                postWithKey("idempotency key over 255 chars", 400, longKey, t -> valid(t)),
                post("idempotency key in body not ASCII", 400, t -> valid(t).replace("}", ",\"idempotencyKey\":\"clé\"}")),
                Arguments.of("header and body keys differ", 400, (Function<String, Response>) t ->
                        given().contentType("application/json").header("Idempotency-Key", "one")
                                .body(valid(t).replace("}", ",\"idempotencyKey\":\"two\"}")).post("/api/bookings")),
                Arguments.of("wrong content type", 415, (Function<String, Response>) t ->
                        given().contentType("text/plain").header("Idempotency-Key", UUID.randomUUID().toString())
                                .body(valid(t)).post("/api/bookings")),
                post("one megabyte body", 413, t -> megabyte),
                Arguments.of("unknown route", 404, (Function<String, Response>) t -> given().get("/api/nope")),
                Arguments.of("wrong method", 405, (Function<String, Response>) t -> given().delete("/api/bookings")),
                Arguments.of("booking id not a UUID", 400, (Function<String, Response>) t -> given().get("/api/bookings/1;drop")),
                Arguments.of("bookings for a malformed email", 400, (Function<String, Response>) t -> given().queryParam("email", "not an address").get("/api/bookings")),
                Arguments.of("bookings page size too big", 400, (Function<String, Response>) t ->
                        given().queryParam("email", "a@b.co").queryParam("size", 100000).get("/api/bookings")),
                Arguments.of("bookings page not a number", 400, (Function<String, Response>) t ->
                        given().queryParam("email", "a@b.co").queryParam("page", "x").get("/api/bookings")));
    }

    static Arguments post(String name, int status, Function<String, String> body) {
        return postWithKey(name, status, null, body);
    }

    static Arguments postWithKey(String name, int status, String key, Function<String, String> body) {
        return Arguments.of(name, status, (Function<String, Response>) t -> {
            RequestSpecification request = given().contentType("application/json")
                    .header("Idempotency-Key", key != null ? key : UUID.randomUUID().toString())
                    .body(body.apply(t));
            return request.post("/api/bookings");
        });
    }

    @Order(1)
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void isRefusedWithAProblemAndWritesNothing(String name, int status, Function<String, Response> send) {
        long bookingsBefore = fixtures.count("select count(*) from bookings");
        long outboxBefore = fixtures.count("select count(*) from outbox");
        int availableBefore = fixtures.available(tier.tierId());

        Response response = send.apply(tier.tierId().toString());

        assertThat(response.statusCode()).as(name + ": " + response.asString()).isEqualTo(status);
        assertThat(response.contentType()).as(name).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("type")).startsWith("https://");
        assertThat(response.jsonPath().getString("title")).isNotBlank();
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("<html");
        assertThat(fixtures.count("select count(*) from bookings")).isEqualTo(bookingsBefore);
        assertThat(fixtures.count("select count(*) from outbox")).isEqualTo(outboxBefore);
        assertThat(fixtures.available(tier.tierId())).isEqualTo(availableBefore);
    }

    @Test
    @Order(2)
    void afterAllThatTheServiceIsStillHealthyAndStillSells() {
        given().get("/api/health").then().statusCode(200);
        given().get(management.resolve("/q/health/ready")).then().statusCode(200);
        given().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(valid(tier.tierId().toString())).post("/api/bookings").then().statusCode(201);
    }
}
