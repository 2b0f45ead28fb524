package com.tickets.api.organizer;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import com.tickets.api.access.BookingTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.UUID;

import static com.tickets.api.organizer.OrganizerApi.ORGANIZER;
import static com.tickets.api.organizer.OrganizerApi.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * Cancelling a concert with paid, pending and cancelled bookings, an hour before it starts (inside the buyers'
 * cancellation cutoff): each booking not yet cancelled is cancelled once, each paid one refunded once, the
 * tickets come back, and a second cancel writes nothing.
 */
@QuarkusTest
class ConcertCancellationTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BookingTokens tokens;

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyLiveBookingIsCancelledOnceAndEveryPaidOneRefundedOnce() {
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "GA", "30.00", 20);
        UUID pending = BookingRequests.book(base, show.tierId(), "pending@example.com", 2, show.total(2));
        UUID paid = BookingRequests.book(base, show.tierId(), "paid@example.com", 3, show.total(3));
        UUID paidTwice = BookingRequests.book(base, show.tierId(), "paid2@example.com", 1, show.total(1));
        UUID cancelled = BookingRequests.book(base, show.tierId(), "gone@example.com", 4, show.total(4));
        fixtures.update("update bookings set status = 'CONFIRMED' where id in (?, ?)", paid, paidTwice);
        given().auth().oauth2(tokens.issue(cancelled)).post("/api/bookings/" + cancelled + "/cancel").then().statusCode(200);
        // inside the buyers' 24-hour cutoff: a buyer could not cancel now, the organizer can
        fixtures.update("update concerts set date = now() + interval '1 hour' where id = ?", show.concertId());
        assertThat(fixtures.available(show.tierId())).isEqualTo(14);

        as(ORGANIZER).post("/api/organizer/concerts/" + show.concertId() + "/cancel").then().statusCode(200)
                .body("concert.status", equalTo("CANCELLED"))
                .body("concert.ticketTiers[0].availableQuantity", equalTo(20))
                .body("concert.ticketTiers[0].heldQuantity", equalTo(0))
                .body("concert.ticketTiers[0].soldQuantity", equalTo(0));
        assertCancelledOnce(pending, paid, paidTwice, cancelled);

        as(ORGANIZER).post("/api/organizer/concerts/" + show.concertId() + "/cancel").then().statusCode(200);
        assertCancelledOnce(pending, paid, paidTwice, cancelled);
        assertThat(fixtures.count("select count(*) from organizer_audit where entity_id = ? and action = 'CONCERT_CANCELLED' "
                + "and (after->>'bookingsCancelled')::int = 3 and (after->>'refundsRequested')::int = 2", show.concertId()))
                .isEqualTo(1);
        assertThat(fixtures.count("select count(*) from outbox where aggregateid = ? and type = 'ConcertCancelled'",
                show.concertId().toString())).isEqualTo(1);
        // the inventory audit still recomputes the tier: every cancellation gave its tickets back once
        assertThat(fixtures.count("select t.total_quantity + coalesce(sum(a.delta), 0) from ticket_tiers t "
                + "left join inventory_audit a on a.ticket_tier_id = t.id where t.id = ? group by t.total_quantity",
                show.tierId())).isEqualTo(20);
        assertThat(fixtures.count("select count(*) from inventory_audit where ticket_tier_id = ? and reason = 'CANCELLED' "
                + "and actor = 'organizer'", show.tierId())).isEqualTo(3);
    }

    private void assertCancelledOnce(UUID pending, UUID paid, UUID paidTwice, UUID cancelled) {
        for (UUID booking : new UUID[]{pending, paid, paidTwice, cancelled}) {
            assertThat(fixtures.status(booking)).isEqualTo("CANCELLED");
            assertThat(events(booking, "BookingCancelled")).as("cancellations of " + booking).isEqualTo(1);
        }
        assertThat(events(paid, "RefundRequested")).isEqualTo(1);
        assertThat(events(paidTwice, "RefundRequested")).isEqualTo(1);
        assertThat(events(pending, "RefundRequested")).isZero();
        assertThat(events(cancelled, "RefundRequested")).isZero();
        assertThat(fixtures.count("select count(*) from bookings where id in (?, ?) and refund_requested_at is not null",
                paid, paidTwice)).isEqualTo(2);
        assertThat(fixtures.count("select count(*) from outbox where aggregateid = ? and type = 'BookingCancelled' "
                + "and payload->'data'->>'reason' = ?", pending.toString(), ConcertCancellation.REASON)).isEqualTo(1);
    }

    private long events(UUID booking, String type) {
        return fixtures.count("select count(*) from outbox where aggregateid = ? and type = ?", booking.toString(), type);
    }
}
