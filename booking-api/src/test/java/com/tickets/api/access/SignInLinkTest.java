package com.tickets.api.access;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import com.tickets.events.signing.BuyerTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

/**
 * All bookings of an e-mail are opened only by a link mailed to it: asking says nothing about the
 * address, a link works once and not after it expired, a forged one never, and sessions can be
 * closed one by one or everywhere.
 */
@QuarkusTest
class SignInLinkTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BuyerAccessConfig config;

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URI base;

    private Response askForLink(String email) {
        return given().contentType("application/json").body("{\"email\":\"" + email + "\"}").post("/api/access-links");
    }

    /** What the mail holds: the notification-worker derives it from the event's link id, as here. */
    private String mailedLink(String email) {
        await().atMost(Duration.ofSeconds(10)).until(() -> fixtures.count("select count(*) from access_links where email = ?", email) > 0);
        UUID linkId = newestLink(email);
        return new BuyerTokens(config.secret()).signInToken(linkId);
    }

    private UUID newestLink(String email) {
        try (var c = db.getConnection();
             var s = c.prepareStatement("select id from access_links where email = ? order by created_at desc limit 1")) {
            s.setString(1, email);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String openSession(String linkToken) {
        return given().contentType("application/json").body("{\"linkToken\":\"" + linkToken + "\"}").post("/api/sessions")
                .then().statusCode(201).extract().jsonPath().getString("sessionToken");
    }

    @Test
    void askingForALinkAnswersTheSameWhetherOrNotTheAddressHasBookings() {
        var tier = fixtures.concertWithTier("Who bought", "10.00", 10);
        BookingRequests.book(base, tier.tierId(), "buyer-a@example.com", 1, tier.total(1));

        Response buyer = askForLink("Buyer-A@Example.com");
        Response nobody = askForLink("nobody-" + UUID.randomUUID() + "@example.com");

        assertThat(buyer.statusCode()).isEqualTo(202).isEqualTo(nobody.statusCode());
        assertThat(buyer.body().asString()).isEqualTo(nobody.body().asString());
        mailedLink("buyer-a@example.com");
        assertThat(fixtures.count("select count(*) from access_links where email like 'nobody-%'")).isZero();
        // the event for the mailer names the link, it does not carry its token
        assertThat(fixtures.count("select count(*) from outbox where type = 'SignInLinkRequested' and payload::text like ?",
                "%" + newestLink("buyer-a@example.com") + "%")).isEqualTo(1);
        assertThat(fixtures.count("select count(*) from outbox where type = 'SignInLinkRequested' and payload::text like ?",
                "%" + mailedLink("buyer-a@example.com").substring(37) + "%")).isZero();
    }

    @Test
    void aLinkOpensASessionThatListsReadsAndCancelsTheBuyersBookings() {
        var tier = fixtures.concertWithTier("Session", "10.00", 10);
        UUID first = BookingRequests.book(base, tier.tierId(), "session@example.com", 1, tier.total(1));
        UUID second = BookingRequests.book(base, tier.tierId(), "session@example.com", 2, tier.total(2));
        UUID strangers = BookingRequests.book(base, tier.tierId(), "someone-else@example.com", 1, tier.total(1));
        askForLink("session@example.com").then().statusCode(202);
        String session = openSession(mailedLink("session@example.com"));

        given().auth().oauth2(session).get("/api/sessions/current").then().statusCode(200)
                .body("email", equalTo("session@example.com"));
        given().auth().oauth2(session).get("/api/bookings").then().statusCode(200)
                .body("bookings.id", hasItems(first.toString(), second.toString()))
                .body("bookings.id", not(hasItem(strangers.toString())))
                .body("bookings[0].concertName", org.hamcrest.Matchers.startsWith("Test concert"))
                .body("totalElements", equalTo(2));
        given().auth().oauth2(session).queryParam("email", "someone-else@example.com").get("/api/bookings")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(session).get("/api/bookings/" + strangers).then().statusCode(404);
        given().auth().oauth2(session).post("/api/bookings/" + first + "/cancel").then().statusCode(200)
                .body("booking.status", equalTo("CANCELLED"));
        assertThat(fixtures.status(strangers)).isEqualTo("PENDING");
    }

    @Test
    void aLinkWorksOnceEvenWhenUsedTwiceAtTheSameMoment() throws Exception {
        var tier = fixtures.concertWithTier("Once", "10.00", 10);
        BookingRequests.book(base, tier.tierId(), "once@example.com", 1, tier.total(1));
        askForLink("once@example.com");
        String link = mailedLink("once@example.com");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> uses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Integer> use = () -> given().contentType("application/json")
                        .body("{\"linkToken\":\"" + link + "\"}").post("/api/sessions").statusCode();
                uses.add(pool.submit(use));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> use : uses) {
                statuses.add(use.get());
            }
            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 410);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixtures.count("select count(*) from buyer_sessions where email = 'once@example.com'")).isEqualTo(1);
    }

    @Test
    void anExpiredOrForgedLinkIsGone() {
        var tier = fixtures.concertWithTier("Expired", "10.00", 10);
        BookingRequests.book(base, tier.tierId(), "late@example.com", 1, tier.total(1));
        askForLink("late@example.com");
        String link = mailedLink("late@example.com");
        fixtures.update("update access_links set expires_at = now() - interval '1 second' where email = 'late@example.com'");

        for (String token : new String[] {link,
                new BuyerTokens("an-attackers-own-key-0123456789").signInToken(UUID.randomUUID()),
                UUID.randomUUID() + "." + link.substring(37), "not-a-link"}) {
            given().contentType("application/json").body("{\"linkToken\":\"" + token + "\"}").post("/api/sessions")
                    .then().statusCode(410).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.endsWith("/sign-in-link-invalid"));
        }
        assertThat(fixtures.count("select count(*) from buyer_sessions where email = 'late@example.com'")).isZero();
    }

    @Test
    void signingOutEndsOneSessionAndSigningOutEverywhereEndsThemAll() {
        var tier = fixtures.concertWithTier("Sign out", "10.00", 10);
        BookingRequests.book(base, tier.tierId(), "devices@example.com", 1, tier.total(1));
        askForLink("devices@example.com");
        String phone = openSession(mailedLink("devices@example.com"));
        fixtures.update("delete from access_links where email = 'devices@example.com'");
        askForLink("devices@example.com");
        String laptop = openSession(mailedLink("devices@example.com"));
        fixtures.update("delete from access_links where email = 'devices@example.com'");
        askForLink("devices@example.com");
        String tablet = openSession(mailedLink("devices@example.com"));

        given().auth().oauth2(phone).delete("/api/sessions/current").then().statusCode(204);
        given().auth().oauth2(phone).get("/api/bookings").then().statusCode(401);
        given().auth().oauth2(laptop).get("/api/bookings").then().statusCode(200);

        given().auth().oauth2(laptop).delete("/api/sessions").then().statusCode(204);
        given().auth().oauth2(laptop).get("/api/bookings").then().statusCode(401);
        given().auth().oauth2(tablet).get("/api/sessions/current").then().statusCode(401);
    }

    @Test
    void anExpiredSessionOpensNothing() {
        var tier = fixtures.concertWithTier("Stale", "10.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "stale@example.com", 1, tier.total(1));
        askForLink("stale@example.com");
        String session = openSession(mailedLink("stale@example.com"));
        fixtures.update("update buyer_sessions set expires_at = now() - interval '1 second' where email = 'stale@example.com'");

        given().auth().oauth2(session).get("/api/bookings").then().statusCode(401);
        given().auth().oauth2(session).get("/api/bookings/" + booking).then().statusCode(404);
    }

    @Test
    void aMalformedRequestIsA400() {
        for (String body : new String[] {"{}", "{\"email\":\"not an address\"}", "{\"email\":42}", "{\"email\":\"a@b.co\",\"x\":1}"}) {
            given().contentType("application/json").body(body).post("/api/access-links").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        given().contentType("application/json").body("{}").post("/api/sessions").then().statusCode(400);
    }
}
