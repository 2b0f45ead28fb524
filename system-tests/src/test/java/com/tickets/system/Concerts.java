package com.tickets.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tickets.events.EventJson;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * The system tests' concerts, made as an organizer makes them: {@code POST /api/organizer/concerts} (a DRAFT),
 * then {@code POST /api/organizer/concerts/{id}/publish}, as the demo organizer of the local profile that the
 * stack's services run with. A test thus books on a concert that went the whole way through the product.
 */
public final class Concerts {

    /** A published concert's one tier. */
    public record Created(UUID concertId, UUID tierId) {
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ORGANIZER = "Basic " + Base64.getEncoder()
            .encodeToString("organizer:organizer".getBytes(StandardCharsets.UTF_8));

    private Concerts() {
    }

    /** A published concert ten days ahead with one tier "GA" of {@code quantity} tickets at {@code price} USD. */
    public static Created withOneTier(URI api, String name, String price, int quantity) throws Exception {
        return withOneTier(api, name, price, quantity, "UTC");
    }

    /** The same, at a venue in {@code timeZone}. */
    public static Created withOneTier(URI api, String name, String price, int quantity, String timeZone) throws Exception {
        ObjectNode body = EventJson.MAPPER.createObjectNode()
                .put("name", name)
                .put("location", "Test Hall")
                .put("timeZone", timeZone)
                .put("date", Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        body.putArray("ticketTiers").addObject().put("name", "GA").put("price", new BigDecimal(price)).put("currency", "USD")
                .put("totalQuantity", quantity);
        JsonNode concert = send(HttpRequest.newBuilder(api.resolve("/api/organizer/concerts"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(EventJson.MAPPER.writeValueAsString(body))), 201).get("concert");
        UUID concertId = UUID.fromString(concert.get("id").asText());
        send(HttpRequest.newBuilder(api.resolve("/api/organizer/concerts/" + concertId + "/publish"))
                .POST(HttpRequest.BodyPublishers.noBody()), 200);
        return new Created(concertId, UUID.fromString(concert.get("ticketTiers").get(0).get("id").asText()));
    }

    private static JsonNode send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> r = CLIENT.send(request.header("Authorization", ORGANIZER).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + ": " + r.statusCode() + " " + r.body());
        }
        return EventJson.MAPPER.readTree(r.body());
    }
}
