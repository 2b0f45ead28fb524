package com.tickets.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Creates the harnesses' concerts the way an organizer does, through booking-api's organizer API: {@code POST
 * /api/organizer/concerts} (a DRAFT, with its tiers), then {@code POST /api/organizer/concerts/{id}/publish}, so
 * that the concert is in the catalogue and its tiers can be booked. The organizer is HTTP Basic, as in the local
 * and test profiles ({@code --organizer-user}, {@code --organizer-password}; default {@code organizer}).
 */
public final class OrganizerClient {

    /** A published concert made for one run, so every run starts from a known, untouched inventory. */
    public record Concert(UUID id, List<Tier> tiers) {

        public Tier onlyTier() {
            return tiers.get(0);
        }
    }

    public record Tier(UUID id, String name, BigDecimal price, int total) {
    }

    /** Exact decimals, so a price of 10.00 is sent as 10.00 (not 10.0). */
    private static final ObjectMapper JSON = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public OrganizerClient(URI base, String user, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** From the harness options {@code --organizer-user} and {@code --organizer-password} (default organizer/organizer). */
    public static OrganizerClient of(URI base, Options options) {
        return new OrganizerClient(base, options.string("organizer-user", "organizer"),
                options.string("organizer-password", "organizer"));
    }

    /** A published concert with one tier of {@code tickets} tickets at {@code price} USD; its tier's id. */
    public UUID newTier(String concertName, String tierName, int tickets, BigDecimal price) {
        return createPublished(concertName, List.of(tierName), tickets, price).onlyTier().id();
    }

    /**
     * A published concert 30 days ahead (the API takes only future dates) in "Bench Hall", with the given tiers,
     * each of {@code totalPerTier} tickets at {@code price} USD, every ticket available.
     */
    public Concert createPublished(String concertName, List<String> tierNames, int totalPerTier, BigDecimal price) {
        ObjectNode body = JSON.createObjectNode()
                .put("name", concertName)
                .put("description", "created by a load-tests harness")
                .put("location", "Bench Hall")
                .put("timeZone", "UTC")
                .put("date", Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode tiers = body.putArray("ticketTiers");
        for (String name : tierNames) {
            tiers.addObject().put("name", name).put("price", price).put("currency", "USD").put("totalQuantity", totalPerTier);
        }
        // one key per concert, kept across retries: a retry after a lost answer gets the first concert back, not a second one
        String key = "load-tests-" + UUID.randomUUID();
        JsonNode created = send(HttpRequest.newBuilder(base.resolve("/api/organizer/concerts"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 201, "create concert " + concertName);
        UUID concertId = UUID.fromString(created.get("concert").get("id").asText());
        send(HttpRequest.newBuilder(base.resolve("/api/organizer/concerts/" + concertId + "/publish"))
                .POST(HttpRequest.BodyPublishers.noBody()), 200, "publish concert " + concertId);

        List<Tier> result = new ArrayList<>();
        for (String name : tierNames) {
            for (JsonNode tier : created.get("concert").get("ticketTiers")) {
                if (tier.get("name").asText().equals(name)) {
                    result.add(new Tier(UUID.fromString(tier.get("id").asText()), name, tier.get("price").decimalValue(),
                            tier.get("totalQuantity").asInt()));
                }
            }
        }
        if (result.size() != tierNames.size()) {
            throw new IllegalStateException("the created concert " + concertId + " does not have the tiers " + tierNames + ": " + created);
        }
        return new Concert(concertId, List.copyOf(result));
    }

    private JsonNode send(HttpRequest.Builder request, int expected, String what) {
        HttpRequest built = request.header("Authorization", authorization).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).build();
        IOException lastFailure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != expected) {
                    throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body()
                            + (response.statusCode() == 401 || response.statusCode() == 403
                            ? " (--organizer-user/--organizer-password: an organizer of the local or test profile)" : ""));
                }
                return JSON.readTree(response.body());
            } catch (IOException e) {
                // both calls may be repeated: creation carries its Idempotency-Key, publishing twice changes nothing
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + ": interrupted", e);
            }
        }
        throw new IllegalStateException(what + " at " + base + " failed 3 times", lastFailure);
    }
}
