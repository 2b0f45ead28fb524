package com.tickets.api.waitlist;

import com.tickets.api.BookingRequests;
import io.restassured.response.Response;

import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** The waitlist's routes and the booking calls around them, as a buyer's client makes them. */
final class WaitlistApi {

    private WaitlistApi() {
    }

    static Response join(UUID tierId, String email, int quantity) {
        return join(UUID.randomUUID().toString(), tierId, email, quantity);
    }

    static Response join(String key, UUID tierId, String email, int quantity) {
        return given().contentType("application/json").header("Idempotency-Key", key)
                .body("""
                        {"ticketTierId":"%s","userEmail":"%s","quantity":%d}""".formatted(tierId, email, quantity))
                .post("/api/waitlist");
    }

    /** A joined entry: its id and the token that reads and leaves it. */
    record Joined(UUID id, String token) {
        static Joined of(Response r) {
            r.then().statusCode(201);
            return new Joined(UUID.fromString(r.jsonPath().getString("entry.id")), r.jsonPath().getString("accessToken"));
        }
    }

    static Joined joined(UUID tierId, String email, int quantity) {
        return Joined.of(join(tierId, email, quantity));
    }

    static Response read(Joined entry) {
        return given().auth().oauth2(entry.token()).get("/api/waitlist/" + entry.id());
    }

    static Response leave(Joined entry) {
        return given().auth().oauth2(entry.token()).delete("/api/waitlist/" + entry.id());
    }

    static String status(Joined entry) {
        return read(entry).then().statusCode(200).extract().jsonPath().getString("entry.status");
    }

    static Response offer(String offerToken) {
        return given().get("/api/waitlist/offers/" + offerToken);
    }

    static Response claim(String offerToken, String key, BigDecimal total) {
        return given().contentType("application/json").header("Idempotency-Key", key)
                .body("""
                        {"totalPrice":%s,"currency":"USD"}""".formatted(total.toPlainString()))
                .post("/api/waitlist/offers/" + offerToken + "/claim");
    }

    /** A booking and the token that manages it. */
    record Booked(UUID id, String token) {
    }

    static Booked book(URI base, UUID tierId, String email, int quantity, BigDecimal total) {
        var r = BookingRequests.post(base, UUID.randomUUID().toString(), BookingRequests.body(tierId, email, quantity, total));
        if (r.statusCode() != 201) {
            throw new AssertionError("booking refused: " + r.statusCode() + " " + r.body());
        }
        return new Booked(UUID.fromString(r.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1")),
                r.headers().firstValue("Booking-Access-Token").orElseThrow());
    }

    static void cancel(Booked booking) {
        given().auth().oauth2(booking.token()).post("/api/bookings/" + booking.id() + "/cancel").then().statusCode(200);
    }
}
