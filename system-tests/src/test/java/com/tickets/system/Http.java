package com.tickets.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.events.EventJson;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** HTTP calls and read-only SQL checks shared by the system tests. */
final class Http {

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** booking id -> its buyer's access token, as the API returned it with the booking. */
    private static final Map<String, String> ACCESS_TOKENS = new ConcurrentHashMap<>();

    /** For the APIs in these tests: the limits are production's, and some tests book far faster than a buyer. */
    static final Map<String, String> NO_RATE_LIMITS = Map.of("BOOKING_RATE_LIMIT_ENABLED", "false");

    private Http() {
    }

    record Tier(UUID concertId, UUID tierId, BigDecimal price) {
    }

    /** A published concert with one tier, created through the organizer API of {@code api} ({@link Concerts}). */
    static Tier concertWithTier(URI api, String name, String price, int quantity) throws Exception {
        Concerts.Created created = Concerts.withOneTier(api, name, price, quantity);
        return new Tier(created.concertId(), created.tierId(), new BigDecimal(price));
    }

    static JsonNode book(URI base, Tier tier, String email, int quantity) throws Exception {
        return book(base, tier, email, quantity, UUID.randomUUID().toString());
    }

    static JsonNode book(URI base, Tier tier, String email, int quantity, String idempotencyKey) throws Exception {
        return book(base, tier, email, quantity, idempotencyKey, Map.of());
    }

    /** Books with these headers besides the idempotency key (a {@code traceparent}, say). */
    static JsonNode book(URI base, Tier tier, String email, int quantity, String idempotencyKey, Map<String, String> headers)
            throws Exception {
        String body = """
                {"ticketTierId":"%s","userEmail":"%s","quantity":%d,"totalPrice":%s,"currency":"USD"}"""
                .formatted(tier.tierId(), email, quantity, tier.price().multiply(BigDecimal.valueOf(quantity)).toPlainString());
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/bookings"))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey);
        headers.forEach(request::header);
        HttpResponse<String> r = CLIENT.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
        JsonNode answer = EventJson.MAPPER.readTree(r.body());
        ACCESS_TOKENS.put(answer.get("booking").get("id").asText(), answer.get("accessToken").asText());
        return answer.get("booking");
    }

    static JsonNode get(URI uri) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return EventJson.MAPPER.readTree(r.body());
    }

    /** {@code Authorization} value for a booking made through {@link #book}: bookings are their buyer's only. */
    static String bearerFor(String bookingId) {
        String token = ACCESS_TOKENS.get(bookingId);
        if (token == null) {
            throw new IllegalStateException("booking " + bookingId + " was not made through Http.book");
        }
        return "Bearer " + token;
    }

    static HttpResponse<String> cancel(URI base, String bookingId) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(base.resolve("/api/bookings/" + bookingId + "/cancel"))
                .header("Authorization", bearerFor(bookingId)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static long bookingsCount(String bookingJdbcUrl, String email) throws Exception {
        try (var c = DriverManager.getConnection(bookingJdbcUrl, "postgres", "postgres");
             var s = c.prepareStatement("select count(*) from bookings where user_email = ?")) {
            s.setString(1, email);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String status(URI base, String bookingId) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(base.resolve("/api/bookings/" + bookingId))
                .header("Authorization", bearerFor(bookingId)).build(), HttpResponse.BodyHandlers.ofString());
        return EventJson.MAPPER.readTree(r.body()).get("booking").get("status").asText();
    }
}
