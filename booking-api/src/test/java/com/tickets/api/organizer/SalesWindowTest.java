package com.tickets.api.organizer;

import com.tickets.api.BookingRequests;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static com.tickets.api.organizer.OrganizerApi.ORGANIZER;
import static com.tickets.api.organizer.OrganizerApi.as;
import static org.assertj.core.api.Assertions.assertThat;

/** Bookings inside the sales window only, and only for published concerts. */
@QuarkusTest
class SalesWindowTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBookingJustBeforeSalesOpenIsRefusedAndJustAfterItIsTaken() throws InterruptedException {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "GA", "10.00", 10);
        Instant opens = Instant.now().plus(3, ChronoUnit.SECONDS);
        as(ORGANIZER).body("{\"salesOpenAt\":\"" + opens + "\"}").patch("/api/organizer/concerts/" + show.concertId())
                .then().statusCode(200);

        HttpResponse<String> early = book(show);
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(early.body()).contains("/problems/sales-not-open").contains(opens.truncatedTo(ChronoUnit.MICROS).toString());

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), opens).toMillis()) + 200);
        assertThat(book(show).statusCode()).isEqualTo(201);
    }

    @Test
    void aBookingAfterSalesCloseIsRefused() throws InterruptedException {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "GA", "10.00", 10);
        Instant closes = Instant.now().plus(2, ChronoUnit.SECONDS);
        as(ORGANIZER).body("{\"salesCloseAt\":\"" + closes + "\"}").patch("/api/organizer/concerts/" + show.concertId())
                .then().statusCode(200);
        assertThat(book(show).statusCode()).isEqualTo(201);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), closes).toMillis()) + 200);
        HttpResponse<String> late = book(show);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("/problems/sales-closed");

        // clearing the close puts the show back on sale until it starts
        as(ORGANIZER).contentType("application/merge-patch+json").body("{\"salesCloseAt\":null}")
                .patch("/api/organizer/concerts/" + show.concertId()).then().statusCode(200);
        assertThat(book(show).statusCode()).isEqualTo(201);
    }

    @Test
    void aDraftsTierIsNotFoundAndACancelledConcertsTierIsRefused() {
        var created = OrganizerApi.create(ORGANIZER, OrganizerApi.concertJson("Draft show", OrganizerApi.tierJson("GA", "10", 10)));
        UUID concert = UUID.fromString(created.jsonPath().getString("concert.id"));
        UUID tier = UUID.fromString(created.jsonPath().getString("concert.ticketTiers[0].id"));
        OrganizerApi.Created draft = new OrganizerApi.Created(concert, tier, new java.math.BigDecimal("10"));

        HttpResponse<String> r = book(draft);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("/problems/not-found").doesNotContain("10.00");

        as(ORGANIZER).post("/api/organizer/concerts/" + concert + "/publish").then().statusCode(200);
        assertThat(book(draft).statusCode()).isEqualTo(201);
        as(ORGANIZER).post("/api/organizer/concerts/" + concert + "/cancel").then().statusCode(200);
        HttpResponse<String> cancelled = book(draft);
        assertThat(cancelled.statusCode()).isEqualTo(409);
        assertThat(cancelled.body()).contains("/problems/concert-cancelled");
    }

    private HttpResponse<String> book(OrganizerApi.Created show) {
        return BookingRequests.post(base, UUID.randomUUID().toString(),
                BookingRequests.body(show.tierId(), "window@example.com", 1, show.total(1)));
    }
}
