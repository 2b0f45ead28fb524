package com.tickets.api.concert;

import com.tickets.api.BookingRequests;
import com.tickets.api.access.BookingTokens;
import com.tickets.api.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Every availability change is in the append-only audit trail, and availability can be recomputed from it. */
@QuarkusTest
class InventoryAuditTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BookingTokens tokens;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aTiersAvailabilityIsItsTotalPlusEveryAuditedChange() throws Exception {
        var tier = fixtures.concertWithTier("Audited", "10.00", 50);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<java.net.http.HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int quantity = 1 + i % 2;
            responses.add(pool.submit(() -> BookingRequests.post(base, UUID.randomUUID().toString(),
                    BookingRequests.body(tier.tierId(), "audit@example.com", quantity, tier.total(quantity)))));
        }
        List<String> booked = new ArrayList<>();
        for (var f : responses) {
            var r = f.get();
            if (r.statusCode() == 201) {
                booked.add(r.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1"));
            }
        }
        pool.shutdown();
        // some buyers cancel, some holds run out
        for (String id : booked.subList(0, 5)) {
            given().auth().oauth2(tokens.issue(UUID.fromString(id))).post("/api/bookings/" + id + "/cancel").then().statusCode(200);
        }
        for (String id : booked.subList(5, 9)) {
            fixtures.expireHoldNow(UUID.fromString(id));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> fixtures.count(
                "select count(*) from bookings where ticket_tier_id = ? and status = 'EXPIRED'", tier.tierId()) == 4);

        long recomputed = fixtures.count("select t.total_quantity + coalesce(sum(a.delta), 0) from ticket_tiers t "
                + "left join inventory_audit a on a.ticket_tier_id = t.id where t.id = ? group by t.total_quantity", tier.tierId());
        assertThat(recomputed).isEqualTo(fixtures.available(tier.tierId()));
        assertThat(fixtures.count("select count(*) from inventory_audit where ticket_tier_id = ? and reason = 'BOOKED'", tier.tierId()))
                .isEqualTo(booked.size());
        assertThat(fixtures.count("select count(*) from inventory_audit where ticket_tier_id = ? and reason = 'CANCELLED'", tier.tierId()))
                .isEqualTo(5);
        assertThat(fixtures.count("select count(*) from inventory_audit where ticket_tier_id = ? and reason = 'EXPIRED' "
                + "and actor = 'hold-sweeper'", tier.tierId())).isEqualTo(4);
    }

    @Test
    void theAuditTrailCannotBeRewritten() {
        var tier = fixtures.concertWithTier("Immutable", "10.00", 5);
        BookingRequests.book(base, tier.tierId(), "audit@example.com", 1, tier.total(1));
        assertThatThrownBy(() -> fixtures.update("update inventory_audit set delta = 0 where ticket_tier_id = ?", tier.tierId()))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> fixtures.update("delete from inventory_audit where ticket_tier_id = ?", tier.tierId()))
                .hasMessageContaining("append-only");
    }
}
