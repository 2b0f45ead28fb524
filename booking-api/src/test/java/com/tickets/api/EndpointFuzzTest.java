package com.tickets.api;

import com.tickets.api.organizer.OrganizerApi;
import com.tickets.events.signing.BuyerTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seeded malformed requests to every public and organizer endpoint beyond the booking POST
 * ({@code FuzzedInputTest}) and the waitlist's join and claim ({@code WaitlistFuzzTest}): the organizer's
 * concerts, tiers, publish, cancel and door check (HTTP Basic, and broken credentials), sign-in links and
 * sessions, a booking's read and cancel, the buyer's booking list and the catalogue's query parameters, the
 * waitlist's entry and offer reads and leave. Bodies are mutated with {@link JsonMutations}; ids, tokens,
 * query parameters, Idempotency-Keys, Content-Types and Authorization headers with character edits and odd
 * values. Every answer must be below 500, every refusal problem+json, and a refused request must write
 * nothing: a fingerprint of every table these routes write (counts, and the rows of this test's own
 * concerts, tiers, bookings, sessions and entries) is the same before and after it. The seed is in every
 * failure message ({@code -Dfuzz.seed=} replays one).
 */
@QuarkusTest
class EndpointFuzzTest {

    static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    /** Malformed requests per endpoint; 21 endpoints, so 252 a run. */
    static final int CASES = 12;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json", "text/plain",
            "application/xml", "application/merge-patch+json", "application/x-www-form-urlencoded", "*/*", "application/jsonx"};
    private static final String[] ODD_QUERY_VALUES = {"", "-1", "0", "1e9", "99999999999999999999", "NaN", "null", "[]",
            "%00", "' OR 1=1 --", "<script>", "x".repeat(3000), "1.5", "true", "../../etc/passwd"};

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URI base;

    @TestHTTPResource(value = "/", management = true)
    URI management;

    /** What this test set up, as a buyer and an organizer would have. */
    private UUID concert;
    private UUID tier;
    private UUID soldOutTier;
    private UUID soldOutConcert;
    private UUID booking;
    private String bookingToken;
    private String sessionToken;
    private String linkToken;
    private UUID entry;
    private String entryToken;
    private String offerToken;
    private static final String BUYER = "fuzz-buyer@example.com";

    record Case(String method, String path, Map<String, String> headers, String body) {
        String describe() {
            return method + " " + (path.length() > 300 ? path.substring(0, 300) + "…" : path) + " " + headers.keySet()
                    + (body == null ? "" : " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
    }

    @Test
    void malformedRequestsToEveryEndpointAreNeverAServerErrorAndWriteNothing() throws Exception {
        setUp();
        Random random = new Random(SEED);
        Map<String, Function<Random, Case>> endpoints = endpoints();
        Map<String, int[]> tally = new LinkedHashMap<>(); // endpoint -> {cases, refused, accepted}
        Map<String, java.util.TreeMap<Integer, Integer>> statuses = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (int round = 0; round < CASES; round++) {
            for (var endpoint : endpoints.entrySet()) {
                Case c = endpoint.getValue().apply(random);
                String before = fingerprint();
                HttpResponse<String> r = send(c);
                String after = fingerprint();
                String where = "seed " + SEED + " case " + n++ + " (" + endpoint.getKey() + "): " + c.describe() + " -> "
                        + (r == null ? "not sendable" : r.statusCode() + " " + abbreviate(r.body()));
                int[] t = tally.computeIfAbsent(endpoint.getKey(), k -> new int[3]);
                t[0]++;
                if (r == null) {
                    continue; // the client refused to send it (a header it cannot carry): nothing to check
                }
                statuses.computeIfAbsent(endpoint.getKey(), k -> new java.util.TreeMap<>()).merge(r.statusCode(), 1, Integer::sum);
                if (r.statusCode() >= 500) {
                    failures.add("5xx: " + where);
                } else if (r.statusCode() >= 400) {
                    t[1]++;
                    if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                        failures.add("refusal without problem+json: " + where);
                    }
                    if (!before.equals(after)) {
                        failures.add("refused request wrote: " + where + "\n    before " + before + "\n    after  " + after);
                    }
                } else {
                    t[2]++;
                }
            }
        }
        tally.forEach((k, t) -> System.out.printf("FUZZ | %-42s %3d cases, %3d refused, %3d accepted; statuses %s%n", k, t[0], t[1],
                t[2], statuses.get(k)));
        System.out.printf("FUZZ | seed %d: %d requests to %d endpoints, %d failures%n", SEED, n, endpoints.size(), failures.size());
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(n).isGreaterThanOrEqualTo(200);
        // the fuzz got past the front of every route: each one answered something other than "who are you" / "wrong media type";
        // the route fuzzed with broken credentials only must answer exactly that, every time
        statuses.forEach((k, counts) -> {
            var pastTheFront = counts.keySet().stream().filter(st -> !List.of(401, 403, 415, 429).contains(st));
            if (k.endsWith("(credentials)")) {
                assertThat(pastTheFront).as(k + " " + counts).isEmpty();
            } else {
                assertThat(pastTheFront).as(k + " " + counts).isNotEmpty();
            }
        });
        // and the fingerprint does see a write: a valid change of the tier moves it
        String before = fingerprint();
        OrganizerApi.as(OrganizerApi.ORGANIZER).body("{\"totalQuantity\":150}").patch("/api/organizer/tiers/" + tier).then().statusCode(200);
        assertThat(fingerprint()).as("a write the fingerprint must see").isNotEqualTo(before);
        // the setup's own buyer, entry and session still work: nothing the fuzz sent broke them
        given().auth().oauth2(bookingToken).get("/api/bookings/" + booking).then().statusCode(200);
        given().auth().oauth2(sessionToken).get("/api/sessions/current").then().statusCode(200);
        given().auth().oauth2(entryToken).get("/api/waitlist/" + entry).then().statusCode(200);
        given().get(management.resolve("/q/health/ready")).then().statusCode(200);
    }

    private void setUp() throws Exception {
        OrganizerApi.Created show = OrganizerApi.published(OrganizerApi.ORGANIZER, "Fuzzed", "20.00", 100);
        concert = show.concertId();
        tier = show.tierId();
        HttpResponse<String> booked = BookingRequests.post(base, UUID.randomUUID().toString(),
                BookingRequests.body(tier, BUYER, 2, new BigDecimal("40.00")));
        assertThat(booked.statusCode()).isEqualTo(201);
        booking = UUID.fromString(booked.body().replaceAll("(?s).*\"booking\":\\{\"id\":\"([^\"]+)\".*", "$1"));
        bookingToken = booked.headers().firstValue("Booking-Access-Token").orElseThrow();

        OrganizerApi.Created full = OrganizerApi.published(OrganizerApi.ORGANIZER, "Fuzzed sold out", "20.00", 1);
        soldOutConcert = full.concertId();
        soldOutTier = full.tierId();
        BookingRequests.book(base, soldOutTier, "holder@example.com", 1, new BigDecimal("20.00"));
        Response joined = given().contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"ticketTierId\":\"%s\",\"userEmail\":\"fuzz-waiter@example.com\",\"quantity\":1}".formatted(soldOutTier))
                .post("/api/waitlist");
        joined.then().statusCode(201);
        entry = UUID.fromString(joined.jsonPath().getString("entry.id"));
        entryToken = joined.jsonPath().getString("accessToken");
        BuyerTokens tokens = new BuyerTokens(ConfigProvider.getConfig().getValue("booking.access.secret", String.class));
        offerToken = tokens.waitlistOfferToken(entry);

        given().contentType("application/json").body("{\"email\":\"" + BUYER + "\"}").post("/api/access-links").then().statusCode(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> count("select count(*) from access_links where email = '" + BUYER + "'") >= 1);
        UUID link = UUID.fromString(single("select id::text from access_links where email = '" + BUYER + "' order by created_at desc limit 1"));
        String firstLink = tokens.signInToken(link);
        sessionToken = given().contentType("application/json").body("{\"linkToken\":\"" + firstLink + "\"}").post("/api/sessions")
                .then().statusCode(201).extract().jsonPath().getString("sessionToken");
        linkToken = firstLink; // used once: every mutation of it, and it again, must be refused
    }

    /** Each endpoint and how a malformed request to it is made. */
    private Map<String, Function<Random, Case>> endpoints() {
        Map<String, Function<Random, Case>> e = new LinkedHashMap<>();
        String concertJson = OrganizerApi.concertJson("Fuzz show", OrganizerApi.tierJson("Floor", "30.00", 50));
        String[] concertFields = {"name", "description", "location", "timeZone", "date", "ticketTiers", "salesOpenAt", "salesCloseAt",
                "price", "currency", "totalQuantity"};
        e.put("POST /api/organizer/concerts", r -> new Case("POST", "/api/organizer/concerts",
                headers(r, organizerAuth(r), "Idempotency-Key", key(r), "Content-Type", contentType(r)),
                JsonMutations.mutate(concertJson, r, concertFields)));
        String patchJson = """
                {"name":"Renamed","location":"Other Hall","timeZone":"Europe/Paris","date":"%s","salesOpenAt":null}"""
                .formatted(Instant.now().plus(12, ChronoUnit.DAYS));
        e.put("PATCH /api/organizer/concerts/{id}", r -> new Case("PATCH", "/api/organizer/concerts/" + id(r, concert),
                headers(r, organizerAuth(r), "Content-Type", r.nextBoolean() ? "application/merge-patch+json" : contentType(r)),
                JsonMutations.mutate(patchJson, r, "name", "location", "timeZone", "date", "salesOpenAt", "salesCloseAt", "description")));
        String tierJson = OrganizerApi.tierJson("Balcony", "25.00", 40);
        e.put("POST /api/organizer/concerts/{id}/tiers", r -> new Case("POST", "/api/organizer/concerts/" + id(r, concert) + "/tiers",
                headers(r, organizerAuth(r), "Content-Type", contentType(r)),
                JsonMutations.mutate(tierJson, r, "name", "price", "currency", "totalQuantity")));
        String tierPatch = """
                {"price":22.50,"totalQuantity":120}""";
        e.put("PATCH /api/organizer/tiers/{id}", r -> new Case("PATCH", "/api/organizer/tiers/" + id(r, tier),
                headers(r, organizerAuth(r), "Content-Type", r.nextBoolean() ? "application/merge-patch+json" : contentType(r)),
                JsonMutations.mutate(tierPatch, r, "price", "totalQuantity")));
        e.put("POST /api/organizer/concerts/{id}/publish", r -> new Case("POST",
                "/api/organizer/concerts/" + mutatedId(r, soldOutConcert) + "/publish", headers(r, organizerAuth(r)), null));
        e.put("POST /api/organizer/concerts/{id}/cancel", r -> new Case("POST",
                "/api/organizer/concerts/" + mutatedId(r, concert) + "/cancel", headers(r, organizerAuth(r)), null));
        e.put("GET /api/organizer/concerts[/{id}]", r -> new Case("GET", r.nextBoolean()
                ? "/api/organizer/concerts/" + mutatedId(r, concert) : "/api/organizer/concerts" + query(r, "page", "size", "status"),
                headers(r, organizerAuth(r)), null));
        e.put("GET /api/organizer/tickets/{code}", r -> new Case("GET", "/api/organizer/tickets/"
                + segment(JsonMutations.mutate("TKT-ABCD-EFGH-JKLM-NPQR", r)), headers(r, organizerAuth(r)), null));
        e.put("GET /api/organizer/whoami (credentials)", r -> new Case("GET", "/api/organizer/whoami",
                headers(r, "Authorization", brokenCredentials(r)), null));
        e.put("POST /api/access-links", r -> new Case("POST", "/api/access-links",
                headers(r, "Content-Type", contentType(r)), JsonMutations.mutate("{\"email\":\"nobody-fuzz@example.com\"}", r, "email")));
        e.put("POST /api/sessions", r -> new Case("POST", "/api/sessions", headers(r, "Content-Type", contentType(r)),
                r.nextBoolean() ? "{\"linkToken\":\"" + JsonMutations.mutate(linkToken, r) + "\"}"
                        : JsonMutations.mutate("{\"linkToken\":\"" + linkToken + "\"}", r, "linkToken")));
        e.put("GET /api/sessions/current", r -> new Case("GET", "/api/sessions/current",
                headers(r, "Authorization", bearer(r, sessionToken)), null));
        e.put("DELETE /api/sessions[/current] (credentials)", r -> new Case("DELETE", r.nextBoolean() ? "/api/sessions/current" : "/api/sessions",
                headers(r, "Authorization", mutatedBearer(r, sessionToken)), null));
        e.put("GET /api/bookings/{id}", r -> new Case("GET", "/api/bookings/" + id(r, booking),
                headers(r, "Authorization", bearer(r, bookingToken)), null));
        e.put("POST /api/bookings/{id}/cancel", r -> {
            boolean mutateId = r.nextBoolean();
            return new Case("POST", "/api/bookings/" + (mutateId ? mutatedId(r, booking) : booking.toString()) + "/cancel",
                    headers(r, "Authorization", mutateId ? bearer(r, bookingToken) : mutatedBearer(r, bookingToken)), null);
        });
        e.put("GET /api/bookings?email&page&size", r -> new Case("GET", "/api/bookings" + query(r, "email", "page", "size"),
                headers(r, "Authorization", bearer(r, sessionToken)), null));
        e.put("GET /api/concerts[/{id}]", r -> new Case("GET", r.nextBoolean() ? "/api/concerts/" + mutatedId(r, concert)
                : "/api/concerts" + query(r, "concertId", "page", "status"), headers(r), null));
        e.put("GET /api/concerts/stream?concertId", r -> new Case("GET", "/api/concerts/stream?concertId="
                + URLEncoder.encode(mutatedId(r, concert), StandardCharsets.UTF_8), headers(r), null));
        e.put("GET /api/waitlist/{id}", r -> new Case("GET", "/api/waitlist/" + id(r, entry),
                headers(r, "Authorization", bearer(r, entryToken)), null));
        e.put("DELETE /api/waitlist/{id}", r -> {
            boolean mutateId = r.nextBoolean();
            return new Case("DELETE", "/api/waitlist/" + (mutateId ? mutatedId(r, entry) : entry.toString()),
                    headers(r, "Authorization", mutateId ? bearer(r, entryToken) : mutatedBearer(r, entryToken)), null);
        });
        e.put("GET /api/waitlist/offers/{token}", r -> new Case("GET", "/api/waitlist/offers/"
                + segment(JsonMutations.mutate(offerToken, r)), headers(r), null));
        return e;
    }

    // --- pieces of malformed requests ---

    private static Map<String, String> headers(Random r, String... pairs) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                h.put(pairs[i], pairs[i + 1]);
            }
        }
        return h;
    }

    private static Map<String, String> headers(Random r, Map.Entry<String, String> auth, String... pairs) {
        Map<String, String> h = headers(r, pairs);
        if (auth != null) {
            h.put(auth.getKey(), auth.getValue());
        }
        return h;
    }

    /** Mostly the organizer's good credentials (so the body is what is refused), sometimes none or broken ones. */
    private static Map.Entry<String, String> organizerAuth(Random r) {
        int pick = r.nextInt(12);
        if (pick == 0) {
            return null;
        }
        if (pick == 1) {
            return Map.entry("Authorization", brokenCredentials(r));
        }
        return Map.entry("Authorization", basic("organizer", "organizer"));
    }

    private static String brokenCredentials(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> "Basic " + JsonMutations.mutate(Base64.getEncoder().encodeToString("organizer:organizer".getBytes()), r);
            case 1 -> "Basic !!!not-base64!!!";
            case 2 -> "Basic " + Base64.getEncoder().encodeToString("no-colon-at-all".getBytes());
            case 3 -> "Bearer " + JsonMutations.mutate("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", r);
            case 4 -> basic("fan", "fan"); // a user without the organizer role: 403
            case 5 -> basic("fuzz-" + r.nextInt(1_000_000), "wrong"); // an unknown name, its own throttle key
            case 6 -> "Basic " + Base64.getEncoder().encodeToString((":".repeat(r.nextInt(5)) + "x".repeat(r.nextInt(3000))).getBytes());
            default -> JsonMutations.mutate("Basic", r);
        };
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String bearer(Random r, String token) {
        return switch (r.nextInt(4)) {
            case 0 -> mutatedBearer(r, token);
            case 1 -> null;
            case 2 -> "Bearer " + token; // a good token: then the id or the query is what is wrong
            default -> JsonMutations.mutate("Bearer " + token, r);
        };
    }

    /** A token that is certainly not the good one. */
    private static String mutatedBearer(Random r, String token) {
        String t;
        do {
            t = JsonMutations.mutate(token, r);
        } while (t.equals(token));
        return "Bearer " + t;
    }

    private static String key(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> null;
            case 1 -> "k".repeat(r.nextInt(400));
            case 2 -> JsonMutations.mutate("key-\u00e9-\t", r);
            default -> UUID.randomUUID().toString();
        };
    }

    private static String contentType(Random r) {
        return CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)];
    }

    /** The good id now and then (then the body, headers or query are what is wrong), else a mutated one. */
    private static String id(Random r, UUID id) {
        return r.nextInt(3) == 0 ? id.toString() : mutatedId(r, id);
    }

    /** An id that is certainly not the good one, as one path segment. */
    private static String mutatedId(Random r, UUID id) {
        String s;
        do {
            s = r.nextInt(8) == 0 ? JsonMutations.ODD_VALUES[r.nextInt(JsonMutations.ODD_VALUES.length)]
                    : JsonMutations.mutate(id.toString(), r);
        } while (s.equalsIgnoreCase(id.toString()) || s.isEmpty());
        return segment(s);
    }

    private static String segment(String raw) {
        return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(Random r, String... names) {
        StringBuilder q = new StringBuilder();
        int params = 1 + r.nextInt(3);
        for (int i = 0; i < params; i++) {
            String name = r.nextInt(6) == 0 ? JsonMutations.mutate(names[r.nextInt(names.length)], r) : names[r.nextInt(names.length)];
            String value = r.nextBoolean() ? ODD_QUERY_VALUES[r.nextInt(ODD_QUERY_VALUES.length)]
                    : JsonMutations.mutate(r.nextBoolean() ? "20" : "fuzz-buyer@example.com", r);
            q.append(i == 0 ? '?' : '&').append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    private HttpResponse<String> send(Case c) throws Exception {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + c.path())).timeout(Duration.ofSeconds(30));
            HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(c.body());
            b.method(c.method(), body);
            c.headers().forEach(b::header);
        } catch (IllegalArgumentException e) {
            return null; // not a request this client can put on the wire (a control character in a header)
        }
        if (c.path().startsWith("/api/concerts/stream")) {
            // a stream that opened would never end: only its status line and headers are read
            HttpResponse<java.io.InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (var in = r.body()) {
                String text = r.statusCode() >= 300 ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : "(a stream)";
                return new Answered(r, text);
            }
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A response whose body was read by hand. */
    private record Answered(HttpResponse<java.io.InputStream> r, String body) implements HttpResponse<String> {
        public int statusCode() {
            return r.statusCode();
        }

        public HttpRequest request() {
            return r.request();
        }

        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return r.headers();
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return r.sslSession();
        }

        public URI uri() {
            return r.uri();
        }

        public HttpClient.Version version() {
            return r.version();
        }
    }

    /**
     * Every table these routes write, in one string: row counts, and the rows of this test's own concerts,
     * tiers, bookings, entries and sessions, field by field. Background work of the service (the relay marking
     * rows published, sweeps of other tests' holds and offers) changes none of it.
     */
    private String fingerprint() throws SQLException {
        String ours = "'" + concert + "','" + soldOutConcert + "'";
        return single("""
                select concat_ws(' | ',
                  (select count(*) from concerts), (select count(*) from ticket_tiers), (select count(*) from organizer_audit),
                  (select count(*) from organizer_requests), (select count(*) from bookings),
                  (select count(*) from buyer_sessions), (select count(*) from buyer_sessions where revoked_at is not null),
                  (select count(*) from access_links), (select count(*) from access_links where used_at is not null),
                  (select count(*) from waitlist_entries),
                  (select string_agg(concat_ws(':', id, status, name, location, time_zone, date, sales_open_at, sales_close_at,
                          updated_at), ',' order by id) from concerts where id in (%1$s)),
                  (select string_agg(concat_ws(':', id, name, price, total_quantity, available_quantity, offered_quantity), ','
                          order by id) from ticket_tiers where concert_id in (%1$s)),
                  (select string_agg(concat_ws(':', id, status, updated_at, refund_requested_at), ',' order by id)
                          from bookings where concert_id in (%1$s)),
                  (select string_agg(concat_ws(':', id, status), ',' order by id) from waitlist_entries where concert_id in (%1$s)),
                  (select count(*) from inventory_audit where ticket_tier_id in (select id from ticket_tiers where concert_id in (%1$s))),
                  (select count(*) from outbox where aggregateid in (select id::text from concerts where id in (%1$s)
                          union select id::text from ticket_tiers where concert_id in (%1$s)
                          union select id::text from bookings where concert_id in (%1$s)
                          union select id::text from waitlist_entries where concert_id in (%1$s))))""".formatted(ours));
    }

    private long count(String sql) throws SQLException {
        return Long.parseLong(single(sql));
    }

    private String single(String sql) throws SQLException {
        try (var c = db.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
