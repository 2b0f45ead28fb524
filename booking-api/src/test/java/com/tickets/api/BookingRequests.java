package com.tickets.api;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Sends real HTTP requests, from as many threads as a test likes. */
public final class BookingRequests {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private BookingRequests() {
    }

    public static String body(UUID tierId, String email, int quantity, BigDecimal totalPrice) {
        return """
                {"ticketTierId":"%s","userEmail":"%s","quantity":%d,"totalPrice":%s,"currency":"USD"}"""
                .formatted(tierId, email, quantity, totalPrice.toPlainString());
    }

    /** Books and returns the new booking's id. */
    public static UUID book(URI base, UUID tierId, String email, int quantity, BigDecimal totalPrice) {
        HttpResponse<String> r = post(base, UUID.randomUUID().toString(), body(tierId, email, quantity, totalPrice));
        if (r.statusCode() != 201) {
            throw new IllegalStateException("booking failed: " + r.statusCode() + " " + r.body());
        }
        return UUID.fromString(r.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1"));
    }

    public static HttpResponse<String> post(URI base, String idempotencyKey, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/bookings"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
