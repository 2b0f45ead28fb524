package com.tickets.api.organizer;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import com.tickets.api.KafkaTopics;
import com.tickets.events.ConcertData;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static com.tickets.api.organizer.OrganizerApi.ORGANIZER;
import static com.tickets.api.organizer.OrganizerApi.as;
import static com.tickets.api.organizer.OrganizerApi.concertJson;
import static com.tickets.api.organizer.OrganizerApi.create;
import static com.tickets.api.organizer.OrganizerApi.tierJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** An organizer sets up and runs a sale: create, read, change, add tiers, publish, cancel; every change audited. */
@QuarkusTest
class OrganizerConcertsTest {

    @Inject
    Fixtures fixtures;

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aConcertGoesFromDraftToPublishedToCancelled() {
        Response created = create(ORGANIZER, concertJson("Night of Tests",
                tierJson("VIP", "120.50", 50) + "," + tierJson("Standing", "35", 500)));
        created.then().statusCode(201).contentType("application/json")
                .body("concert.status", equalTo("DRAFT"))
                .body("concert.timeZone", equalTo("Europe/Berlin"))
                .body("concert.salesOpenAt", nullValue())
                .body("concert.ticketTiers.size()", equalTo(2))
                .body("concert.ticketTiers[0].name", equalTo("VIP"))
                .body("concert.ticketTiers[0].price", equalTo(120.5f))
                .body("concert.ticketTiers[1].availableQuantity", equalTo(500))
                .body("concert.ticketTiers[1].soldQuantity", equalTo(0));
        String id = created.jsonPath().getString("concert.id");
        assertThat(created.header("Location")).endsWith("/api/organizer/concerts/" + id);

        // a draft is the organizer's only
        given().get("/api/concerts/" + id).then().statusCode(404);
        given().get("/api/concerts").then().statusCode(200).body("concerts.id", not(hasItem(id)));
        as(ORGANIZER).get("/api/organizer/concerts").then().statusCode(200).body("concerts.id", hasItem(id));
        as(ORGANIZER).get("/api/organizer/concerts/" + id).then().statusCode(200).body("concert.name", equalTo("Night of Tests"));

        Instant opens = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        as(ORGANIZER).body("{\"name\":\"Night of Better Tests\",\"salesOpenAt\":\"" + opens + "\"}")
                .patch("/api/organizer/concerts/" + id).then().statusCode(200)
                .body("concert.name", equalTo("Night of Better Tests"))
                .body("concert.location", equalTo("Test Hall"))
                .body("concert.salesOpenAt", equalTo(opens.toString()));

        as(ORGANIZER).post("/api/organizer/concerts/" + id + "/publish").then().statusCode(200)
                .body("concert.status", equalTo("PUBLISHED"));
        as(ORGANIZER).post("/api/organizer/concerts/" + id + "/publish").then().statusCode(200); // again: nothing changes
        given().get("/api/concerts/" + id).then().statusCode(200)
                .body("concert.name", equalTo("Night of Better Tests"))
                .body("concert.timeZone", equalTo("Europe/Berlin"))
                .body("concert.salesOpenAt", equalTo(opens.toString()))
                .body("concert.salesCloseAt", nullValue());
        given().get("/api/concerts").then().statusCode(200).body("concerts.id", hasItem(id));

        List<KafkaTopics.Received> published = KafkaTopics.readUntil("catalog.events", r -> r.key().equals(id),
                found -> found.size() >= 1, Duration.ofSeconds(30));
        assertThat(published).first().satisfies(r -> {
            assertThat(r.event().type()).isEqualTo(EventTypes.CONCERT_PUBLISHED);
            ConcertData data = EventJson.data(r.event(), ConcertData.class);
            assertThat(data.name()).isEqualTo("Night of Better Tests");
            assertThat(data.ticketTiers()).hasSize(2);
        });
        // live availability watchers learn the new show's tiers with the publication, once (not again on the replay)
        assertThat(fixtures.count("select count(*) from outbox o join ticket_tiers t on t.id::text = o.aggregateid "
                + "where t.concert_id = ?::uuid and o.type = 'AvailabilityChanged'", id)).isEqualTo(2);

        as(ORGANIZER).post("/api/organizer/concerts/" + id + "/cancel").then().statusCode(200)
                .body("concert.status", equalTo("CANCELLED"));
        given().get("/api/concerts/" + id).then().statusCode(404);
        long auditRows = audit(id);
        as(ORGANIZER).post("/api/organizer/concerts/" + id + "/cancel").then().statusCode(200)
                .body("concert.status", equalTo("CANCELLED"));
        as(ORGANIZER).post("/api/organizer/concerts/" + id + "/publish").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/concert-cancelled"));
        as(ORGANIZER).body("{\"name\":\"Too late\"}").patch("/api/organizer/concerts/" + id).then().statusCode(409);

        // created, changed, published, cancelled: one row each; the repeated publish and cancel wrote none
        assertThat(auditRows).isEqualTo(4);
        assertThat(audit(id)).isEqualTo(4);
        assertThat(fixtures.count("select count(*) from organizer_audit where entity_id = ?::uuid and action = 'CONCERT_CHANGED' "
                + "and before->>'name' = 'Night of Tests' and after->>'name' = 'Night of Better Tests' and organizer = 'organizer'",
                id)).isEqualTo(1);
    }

    @Test
    void aRetriedCreationAnswersTheFirstConcertAndAnotherBodyUnderTheKeyIs422() {
        String key = UUID.randomUUID().toString();
        String body = concertJson("Once only", tierJson("GA", "20.00", 10));
        Response first = as(ORGANIZER).header("Idempotency-Key", key).body(body).post("/api/organizer/concerts");
        first.then().statusCode(201);
        Response again = as(ORGANIZER).header("Idempotency-Key", key).body(body.replace("20.00", "20"))
                .post("/api/organizer/concerts");
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(again.body().asString()).isEqualTo(first.body().asString());
        assertThat(fixtures.count("select count(*) from concerts where name = 'Once only'")).isEqualTo(1);

        as(ORGANIZER).header("Idempotency-Key", key).body(body.replace("20.00", "25.00")).post("/api/organizer/concerts")
                .then().statusCode(422).contentType("application/problem+json").body("type", endsWith("/idempotency-key-reused"));
        as(ORGANIZER).body(body).post("/api/organizer/concerts").then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(fixtures.count("select count(*) from concerts where name = 'Once only'")).isEqualTo(1);
    }

    @Test
    void invalidConcertsAreRefusedFieldByFieldAndWriteNothing() {
        long before = fixtures.count("select count(*) from concerts");
        String future = Instant.now().plus(10, ChronoUnit.DAYS).toString();
        String later = Instant.now().plus(11, ChronoUnit.DAYS).toString();
        String past = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        String tier = tierJson("GA", "10.00", 10);
        invalid("{\"name\":\"x\",\"location\":\"y\",\"timeZone\":\"Mars/Olympus\",\"date\":\"" + future + "\",\"ticketTiers\":[" + tier + "]}", "timeZone");
        invalid("{\"name\":\"x\",\"location\":\"y\",\"timeZone\":\"+02:00\",\"date\":\"" + future + "\",\"ticketTiers\":[" + tier + "]}", "timeZone");
        invalid("{\"name\":\"x\",\"location\":\"y\",\"timeZone\":\"UTC\",\"date\":\"" + past + "\",\"ticketTiers\":[" + tier + "]}", "date");
        invalid("{\"name\":\"x\",\"location\":\"y\",\"timeZone\":\"UTC\",\"date\":\"" + future + "\",\"salesCloseAt\":\"" + later
                + "\",\"ticketTiers\":[" + tier + "]}", "salesCloseAt");
        invalid("{\"name\":\"x\",\"location\":\"y\",\"timeZone\":\"UTC\",\"date\":\"" + later + "\",\"salesOpenAt\":\"" + future
                + "\",\"salesCloseAt\":\"" + future + "\",\"ticketTiers\":[" + tier + "]}", "salesOpenAt");
        invalid("{\"name\":\"x\",\"location\":\"y\",\"timeZone\":\"UTC\",\"date\":\"" + future + "\",\"ticketTiers\":[]}", "ticketTiers");
        invalid("{\"name\":\"x\",\"location\":\"y\",\"timeZone\":\"UTC\",\"date\":\"" + future + "\",\"ticketTiers\":["
                + tier + "," + tierJson(" ga ", "12.00", 5) + "]}", "ticketTiers");
        invalid(concertJson("x", tierJson("GA", "10.005", 10)), "ticketTiers[0].price");
        invalid(concertJson("x", tierJson("GA", "-1", 10)), "ticketTiers[0].price");
        invalid(concertJson("x", tierJson("GA", "10", NewTier.MAX_TIER_TICKETS + 1)), "ticketTiers[0].totalQuantity");
        invalid(concertJson("x", tierJson("GA", "10", 10).replace("USD", "ABC")), "ticketTiers[0].currency");
        invalid(concertJson("x", tierJson("GA", "10", 10).replace("USD", "usd")), "ticketTiers[0].currency");
        invalid(concertJson("", tier), "name");
        invalid(concertJson("x", tier).replace("\"location\"", "\"venue\""), "venue");
        invalid(concertJson("x", tier).replace("\"totalQuantity\":10", "\"totalQuantity\":\"10\""), "ticketTiers[0].totalQuantity");
        invalid("{\"name\":\"x\"", "body");
        assertThat(fixtures.count("select count(*) from concerts")).isEqualTo(before);
    }

    @Test
    void aMergePatchChangesWhatItNamesAndClearsTheSalesWindowWithNull() {
        String id = create(ORGANIZER, concertJson("Patchable", tierJson("GA", "10", 10))).jsonPath().getString("concert.id");
        Instant opens = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant closes = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        as(ORGANIZER).body("{\"salesOpenAt\":\"" + opens + "\",\"salesCloseAt\":\"" + closes + "\"}")
                .patch("/api/organizer/concerts/" + id).then().statusCode(200)
                .body("concert.salesOpenAt", equalTo(opens.toString())).body("concert.salesCloseAt", equalTo(closes.toString()));
        as(ORGANIZER).contentType("application/merge-patch+json").body("{\"salesOpenAt\":null,\"description\":null}")
                .patch("/api/organizer/concerts/" + id).then().statusCode(200)
                .body("concert.salesOpenAt", nullValue()).body("concert.description", nullValue())
                .body("concert.salesCloseAt", equalTo(closes.toString())).body("concert.name", equalTo("Patchable"));

        patchInvalid(id, "{\"salesCloseAt\":\"" + Instant.now().plus(30, ChronoUnit.DAYS) + "\"}", "salesCloseAt");
        patchInvalid(id, "{\"date\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\"}", "date");
        patchInvalid(id, "{\"name\":null}", "name");
        patchInvalid(id, "{\"timeZone\":\"Nowhere/Land\"}", "timeZone");
        patchInvalid(id, "{}", "body");
        patchInvalid(id, "{\"status\":\"PUBLISHED\"}", "status");
        as(ORGANIZER).get("/api/organizer/concerts/" + id).then().body("concert.status", equalTo("DRAFT"))
                .body("concert.salesCloseAt", equalTo(closes.toString()));
    }

    @Test
    void tiersAreAddedAndChangedAndCannotShrinkBelowWhatIsSold() {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "Floor", "40.00", 10);
        String concert = show.concertId().toString();
        Response added = as(ORGANIZER).body(tierJson("Balcony", "25.00", 5)).post("/api/organizer/concerts/" + concert + "/tiers");
        added.then().statusCode(201).body("ticketTier.name", equalTo("Balcony")).body("ticketTier.availableQuantity", equalTo(5));
        as(ORGANIZER).body(tierJson("balcony", "30.00", 5)).post("/api/organizer/concerts/" + concert + "/tiers")
                .then().statusCode(409).body("type", endsWith("/tier-name-taken"));
        given().get("/api/concerts/" + concert).then().body("concert.ticketTiers.name", hasItem("Balcony"));

        BookingRequests.book(base, show.tierId(), "fan@example.com", 4, show.total(4));

        String tier = "/api/organizer/tiers/" + show.tierId();
        as(ORGANIZER).body("{\"totalQuantity\":3}").patch(tier).then().statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("/capacity-below-sold")).body("minimumTotal", equalTo(4));
        as(ORGANIZER).body("{\"totalQuantity\":4}").patch(tier).then().statusCode(200)
                .body("ticketTier.totalQuantity", equalTo(4)).body("ticketTier.availableQuantity", equalTo(0))
                .body("ticketTier.heldQuantity", equalTo(4));
        as(ORGANIZER).body("{\"totalQuantity\":20,\"price\":45.5}").patch(tier).then().statusCode(200)
                .body("ticketTier.totalQuantity", equalTo(20)).body("ticketTier.availableQuantity", equalTo(16))
                .body("ticketTier.price", equalTo(45.5f));
        as(ORGANIZER).body("{\"price\":1.234}").patch(tier).then().statusCode(400).body("errors[0].field", equalTo("price"));
        as(ORGANIZER).body("{}").patch(tier).then().statusCode(400);
        // the booking kept its price; the audit recomputes the tier
        assertThat(fixtures.count("select count(*) from bookings where ticket_tier_id = ? and total_price = 160.00", show.tierId()))
                .isEqualTo(1);
        assertThat(fixtures.count("select t.total_quantity + coalesce(sum(a.delta) filter (where a.reason <> 'CAPACITY_CHANGED'), 0) "
                + "from ticket_tiers t left join inventory_audit a on a.ticket_tier_id = t.id where t.id = ? group by t.id",
                show.tierId())).isEqualTo(16);
        assertThat(fixtures.count("select 10 + sum(delta) from inventory_audit where ticket_tier_id = ? and reason = 'CAPACITY_CHANGED'",
                show.tierId())).isEqualTo(20);
        assertThat(fixtures.count("select count(*) from organizer_audit where entity_id = ? and action = 'TIER_CHANGED'",
                show.tierId())).isEqualTo(2);
    }

    @Test
    void theAuditTrailCannotBeChangedOrDeleted() throws SQLException {
        String id = create(ORGANIZER, concertJson("Audited", tierJson("GA", "10", 10))).jsonPath().getString("concert.id");
        assertThat(audit(id)).isEqualTo(1);
        try (Connection c = db.getConnection(); var s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update organizer_audit set organizer = 'someone else' where entity_id = '" + id + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from organizer_audit where entity_id = '" + id + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("truncate organizer_audit")).hasMessageContaining("append-only");
        }
        assertThat(fixtures.count("select count(*) from organizer_audit where entity_id = ?::uuid and organizer = 'organizer' "
                + "and action = 'CONCERT_CREATED' and before is null and after->>'status' = 'DRAFT'", id)).isEqualTo(1);
    }

    private long audit(String concertId) {
        return fixtures.count("select count(*) from organizer_audit where entity_id = ?::uuid", concertId);
    }

    private static void invalid(String body, String field) {
        as(ORGANIZER).header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post("/api/organizer/concerts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/invalid-request")).body("errors.field", hasItem(field));
    }

    private static void patchInvalid(String id, String body, String field) {
        as(ORGANIZER).body(body).patch("/api/organizer/concerts/" + id).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field));
    }
}
