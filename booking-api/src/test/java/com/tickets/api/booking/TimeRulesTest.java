package com.tickets.api.booking;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import com.tickets.api.access.BookingTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

/** A past show cannot be booked; a booking cannot be cancelled (and refunded) in the last 24 hours before its show. */
@QuarkusTest
class TimeRulesTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BookingTokens tokens;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aShowThatHasStartedCannotBeBooked() {
        var tier = fixtures.concertWithTier("Yesterday", "10.00", 10);
        fixtures.update("update concerts set date = now() - interval '1 minute' where id = ?", tier.concertId());

        HttpResponse<String> r = BookingRequests.post(base, UUID.randomUUID().toString(),
                BookingRequests.body(tier.tierId(), "late@example.com", 1, tier.total(1)));

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("/problems/sales-closed");
        assertThat(fixtures.available(tier.tierId())).isEqualTo(10);
        assertThat(fixtures.count("select count(*) from bookings where ticket_tier_id = ?", tier.tierId())).isZero();
    }

    @Test
    void aBookingCannotBeCancelledWithinTheCutoffBeforeTheShow() {
        var tier = fixtures.concertWithTier("Tonight", "10.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "tonight@example.com", 2, tier.total(2));
        fixtures.update("update concerts set date = now() + interval '23 hours' where id = ?", tier.concertId());

        given().auth().oauth2(tokens.issue(booking)).post("/api/bookings/" + booking + "/cancel").then()
                .statusCode(409).contentType("application/problem+json").body("type", endsWith("/cancellation-closed"));
        assertThat(fixtures.status(booking)).isEqualTo("PENDING");
        assertThat(fixtures.available(tier.tierId())).isEqualTo(8);

        fixtures.update("update concerts set date = now() + interval '25 hours' where id = ?", tier.concertId());
        given().auth().oauth2(tokens.issue(booking)).post("/api/bookings/" + booking + "/cancel").then().statusCode(200);
        assertThat(fixtures.status(booking)).isEqualTo("CANCELLED");
    }
}
