package com.tickets.api.ticket;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import com.tickets.api.KafkaTopics;
import com.tickets.api.access.BookingTokens;
import com.tickets.events.EventJson;
import com.tickets.events.PaymentData;
import com.tickets.events.signing.TicketCodes;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The door admits the codes of confirmed bookings only; codes stop admitting when the booking is cancelled or refunded. */
@QuarkusTest
class DoorCheckTest {

    @Inject
    Fixtures fixtures;

    @Inject
    BookingTokens tokens;

    @ConfigProperty(name = "booking.ticket-code.secret")
    String ticketCodeSecret;

    @TestHTTPResource("/")
    URI base;

    private UUID confirmedBooking(int quantity) {
        var tier = fixtures.concertWithTier("Door", "20.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "door@example.com", quantity, tier.total(quantity));
        KafkaTopics.send("payment.events", booking.toString(), EventJson.envelope("PaymentSucceeded", booking.toString(),
                "key-of-" + booking, new PaymentData(booking, "pay_" + booking, tier.total(quantity), "USD", null), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> "CONFIRMED".equals(fixtures.status(booking)));
        return booking;
    }

    private io.restassured.response.ValidatableResponse check(String code) {
        return given().auth().preemptive().basic("organizer", "organizer").get("/api/organizer/tickets/" + code).then();
    }

    @Test
    void aConfirmedBookingsCodesAdmitAndACancelledOnesNoLonger() {
        UUID booking = confirmedBooking(2);
        TicketCodes codes = new TicketCodes(ticketCodeSecret);

        check(codes.code(booking, 1)).statusCode(200).body("status", equalTo("valid")).body("ticketNumber", equalTo(1))
                .body("tierName", equalTo("Door"));
        check(codes.code(booking, 2).toLowerCase()).statusCode(200).body("status", equalTo("valid"));
        check(codes.code(booking, 3)).statusCode(200).body("status", equalTo("unknown"));

        given().auth().oauth2(tokens.issue(booking)).post("/api/bookings/" + booking + "/cancel").then().statusCode(200);
        check(codes.code(booking, 1)).statusCode(200).body("status", equalTo("refunded"));
    }

    @Test
    void codesComputedWithoutTheKeyAreUnknown() {
        UUID booking = confirmedBooking(1);
        check(new TicketCodes("an-attackers-own-key-0123456789").code(booking, 1)).statusCode(200)
                .body("status", equalTo("unknown"));
        check("TKT-AAAA-AAAA-AAAA-AAAA").statusCode(200).body("status", equalTo("unknown"));
    }

    @Test
    void onlyOrganizersMayCheckCodes() {
        UUID booking = confirmedBooking(1);
        String code = new TicketCodes(ticketCodeSecret).code(booking, 1);
        given().get("/api/organizer/tickets/" + code).then().statusCode(401);
        given().auth().oauth2(tokens.issue(booking)).get("/api/organizer/tickets/" + code).then().statusCode(401);
        given().auth().preemptive().basic("organizer", "wrong").get("/api/organizer/tickets/" + code).then().statusCode(401);
    }

    @Test
    void anotherOrganizersDoorCannotReadOrAdmitTheCodesOfThisConcert() {
        UUID booking = confirmedBooking(1);
        String code = new TicketCodes(ticketCodeSecret).code(booking, 1);
        given().auth().preemptive().basic("organizer2", "organizer2").get("/api/organizer/tickets/" + code).then()
                .statusCode(200).body("status", equalTo("unknown")).body("bookingId", nullValue())
                .body("concertName", nullValue());
        check(code).statusCode(200).body("status", equalTo("valid")); // its own organizer's door still admits it
    }

    @Test
    void aBookingThatWasNeverConfirmedHasNoCodes() {
        var tier = fixtures.concertWithTier("Unpaid", "20.00", 10);
        UUID booking = BookingRequests.book(base, tier.tierId(), "unpaid@example.com", 1, tier.total(1));
        check(new TicketCodes(ticketCodeSecret).code(booking, 1)).statusCode(200).body("status", equalTo("unknown"));
    }
}
