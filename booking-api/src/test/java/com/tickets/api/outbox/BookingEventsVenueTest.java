package com.tickets.api.outbox;

import com.tickets.api.BookingRequests;
import com.tickets.api.access.BookingTokens;
import com.tickets.api.organizer.OrganizerApi;
import com.tickets.api.payment.PaymentOutcome;
import com.tickets.api.payment.PaymentOutcomeApplier;
import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static com.tickets.api.organizer.OrganizerApi.ORGANIZER;
import static com.tickets.api.organizer.OrganizerApi.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every booking event carries the concert's venue and time zone, whichever writer made it: the booking batch
 * (BookingCreated), the payment outcomes (BookingConfirmed), a buyer's cancel (BookingCancelled, RefundRequested)
 * and an organizer's cancel of the concert. The mails show the show's date on the venue's clocks from them.
 */
@QuarkusTest
class BookingEventsVenueTest {

    @Inject
    PaymentOutcomeApplier applier;

    @Inject
    BookingTokens tokens;

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyWriterOfBookingEventsPutsTheVenueAndItsTimeZoneInThem() throws Exception {
        // OrganizerApi's concerts are in "Test Hall", Europe/Berlin
        OrganizerApi.Created show = OrganizerApi.published(ORGANIZER, "GA", "30.00", 10);
        UUID paid = BookingRequests.book(base, show.tierId(), "venue-paid@example.com", 2, show.total(2));
        assertThat(applier.apply(List.of(PaymentOutcome.succeeded(UUID.randomUUID(), paid)))).isEmpty();
        given().auth().oauth2(tokens.issue(paid)).post("/api/bookings/" + paid + "/cancel").then().statusCode(200);
        UUID pending = BookingRequests.book(base, show.tierId(), "venue-pending@example.com", 1, show.total(1));
        as(ORGANIZER).post("/api/organizer/concerts/" + show.concertId() + "/cancel").then().statusCode(200);

        List<EventEnvelope> paidEvents = bookingEvents(paid);
        assertThat(paidEvents).extracting(EventEnvelope::type)
                .containsExactly("BookingCreated", "BookingConfirmed", "BookingCancelled", "RefundRequested");
        List<EventEnvelope> pendingEvents = bookingEvents(pending);
        assertThat(pendingEvents).extracting(EventEnvelope::type).containsExactly("BookingCreated", "BookingCancelled");
        List<EventEnvelope> all = new ArrayList<>(paidEvents);
        all.addAll(pendingEvents);
        for (EventEnvelope event : all) {
            BookingData data = EventJson.data(event, BookingData.class);
            assertThat(data.location()).as(event.type()).isEqualTo("Test Hall");
            assertThat(data.timeZone()).as(event.type()).isEqualTo("Europe/Berlin");
        }
    }

    /** The booking's events in the outbox, in the order they were written. */
    private List<EventEnvelope> bookingEvents(UUID bookingId) throws Exception {
        List<EventEnvelope> events = new ArrayList<>();
        try (var c = db.getConnection();
             var s = c.prepareStatement("select payload::text from outbox where aggregatetype = 'Booking' and aggregateid = ?"
                     + " order by seq")) {
            s.setString(1, bookingId.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(EventJson.read(rs.getString(1)));
                }
            }
        }
        return events;
    }
}
