package com.tickets.api.concert;

import com.tickets.api.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Browsing is served from a cache that is never more than a second behind the database. */
@QuarkusTest
@TestProfile(CatalogCacheTest.CacheOn.class)
class CatalogCacheTest {

    public static class CacheOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.cache.enabled", "true");
        }
    }

    @Inject
    Fixtures fixtures;

    @Test
    void availabilityShownToBrowsersIsAtMostOneSecondOld() {
        var tier = fixtures.concertWithTier("Cached", "10.00", 50);
        String path = "/api/concerts/" + tier.concertId();
        given().get(path).then().statusCode(200).body("concert.ticketTiers[0].availableQuantity", equalTo(50));

        fixtures.update("update ticket_tiers set available_quantity = 40 where id = ?", tier.tierId());

        // the cache's one second, plus slack for a busy machine
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() ->
                given().get(path).then().extract().path("concert.ticketTiers[0].availableQuantity").equals(40));
    }

    @Test
    void aConcertUnknownAMomentAgoIsFoundAtOnce() {
        var id = java.util.UUID.randomUUID();
        given().get("/api/concerts/" + id).then().statusCode(404);
        fixtures.update("insert into concerts (id, name, location, date) values (?, 'Just added', 'Here', now())", id);
        given().get("/api/concerts/" + id).then().statusCode(200).body("concert.name", equalTo("Just added"));
    }
}
