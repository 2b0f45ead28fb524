package com.tickets.analytics;

import com.tickets.analytics.Events.Booking;
import com.tickets.analytics.Events.Show;
import com.tickets.events.EventEnvelope;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static com.tickets.analytics.Dashboards.awaitConcert;
import static com.tickets.analytics.Dashboards.ofConcert;
import static com.tickets.analytics.Dashboards.totals;
import static com.tickets.analytics.Events.send;
import static com.tickets.events.EventTypes.BOOKING_CANCELLED;
import static com.tickets.events.EventTypes.BOOKING_CONFIRMED;
import static com.tickets.events.EventTypes.BOOKING_CREATED;
import static com.tickets.events.EventTypes.BOOKING_EXPIRED;
import static com.tickets.events.EventTypes.PAYMENT_SUCCEEDED;
import static com.tickets.events.EventTypes.REFUND_REQUESTED;
import static com.tickets.events.EventTypes.REFUND_SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Only confirmed sales count, whatever order and however often their events arrive. */
@QuarkusTest
class SalesProjectionTest {

    static final Instant NOV_20 = Instant.parse("2030-11-20T00:00:00Z");

    @Inject
    AgroalDataSource db;

    @Test
    void aConfirmedSaleCountsAndAHeldOneDoesNot() {
        Show show = Show.create();
        Booking paid = Booking.of(show, show.tierA(), 2, "200.00");
        Booking held = Booking.of(show, show.tierA(), 1, "100.00");
        send(paid.event(BOOKING_CREATED, at(10)));
        send(paid.event(BOOKING_CONFIRMED, at(11)));
        send(paid.payment(PAYMENT_SUCCEEDED, at(11)));
        EventEnvelope holding = held.event(BOOKING_CREATED, at(12));
        send(holding);

        awaitApplied(holding, held.id());
        JsonPath json = awaitConcert(show, totals("200.00", 2));
        assertThat(json.getList("revenueByTier.tierName")).containsExactly("VIP");
        assertThat(json.getString("revenueByTier[0].concertName")).isEqualTo(show.name());
        assertThat(new BigDecimal(json.getString("revenueByTier[0].percentage"))).isEqualByComparingTo("100");
        assertThat(json.getList("salesOverTime.date")).containsExactly("2030-11-20T00:00:00Z");
        assertThat(Dashboards.asOrganizer().queryParam("concertId", show.concertId()).get("/api/analytics/dashboard")
                .asString()).contains("\"totalRevenue\":200.00");
    }

    @Test
    void aCancellationAfterTheConfirmationTakesTheRevenueBackOut() {
        Show show = Show.create();
        Booking kept = Booking.of(show, show.tierA(), 1, "100.00");
        Booking cancelled = Booking.of(show, show.tierB(), 3, "150.00");
        confirm(kept, at(9));
        confirm(cancelled, at(10));
        awaitConcert(show, totals("250.00", 4));

        send(cancelled.event(BOOKING_CANCELLED, at(11)));
        send(cancelled.event(REFUND_REQUESTED, at(11)));
        send(cancelled.payment(REFUND_SUCCEEDED, at(12)));

        JsonPath json = awaitConcert(show, totals("100.00", 1));
        assertThat(json.getList("revenueByTier.tierName")).containsExactly("VIP");
    }

    @Test
    void aRefundReadBeforeAnyBookingEventStillKeepsTheSaleOut() {
        Show show = Show.create();
        Booking refunded = Booking.of(show, show.tierA(), 1, "100.00");
        Booking kept = Booking.of(show, show.tierC(), 2, "20.00");
        // payment.events is not ordered with booking.events: the refund can be read first
        send(refunded.payment(REFUND_SUCCEEDED, at(12)));
        awaitApplied(null, refunded.id());
        confirm(refunded, at(10));
        confirm(kept, at(10));

        awaitConcert(show, totals("20.00", 2));
    }

    @Test
    void aRedeliveredEventOrASecondConfirmationNeverCountsTwice() {
        Show show = Show.create();
        Booking booking = Booking.of(show, show.tierA(), 3, "300.00");
        EventEnvelope confirmed = booking.event(BOOKING_CONFIRMED, at(10));
        send(booking.event(BOOKING_CREATED, at(9)));
        send(confirmed);
        send(confirmed);
        send(booking.event(BOOKING_CONFIRMED, at(10))); // the same fact under another event id
        EventEnvelope marker = booking.event(BOOKING_CONFIRMED, at(10));
        send(marker);

        awaitApplied(marker, booking.id());
        assertThat(Dashboards.tickets(ofConcert(show, "day"))).isEqualTo(3);
        assertThat(Dashboards.revenue(ofConcert(show, "day"))).isEqualByComparingTo("300.00");
    }

    @Test
    void aCancellationDeliveredBeforeItsConfirmationEndsWithZeroRevenue() {
        Show show = Show.create();
        Booking booking = Booking.of(show, show.tierB(), 1, "50.00");
        Booking other = Booking.of(show, show.tierA(), 1, "100.00");
        EventEnvelope cancelled = booking.event(BOOKING_CANCELLED, at(12));
        EventEnvelope lateConfirmation = booking.event(BOOKING_CONFIRMED, at(11));
        send(cancelled);
        send(lateConfirmation);
        send(booking.event(BOOKING_CREATED, at(10)));
        confirm(other, at(10));

        awaitApplied(lateConfirmation, booking.id());
        JsonPath json = awaitConcert(show, totals("100.00", 1));
        assertThat(json.getList("revenueByTier.tierName")).containsExactly("VIP");
    }

    @Test
    void expiredBookingsAndLatePaymentsThatWereRefundedDoNotCount() {
        Show show = Show.create();
        Booking expired = Booking.of(show, show.tierA(), 2, "200.00");
        Booking sale = Booking.of(show, show.tierC(), 1, "10.00");
        send(expired.event(BOOKING_CREATED, at(8)));
        send(expired.event(BOOKING_EXPIRED, at(9)));
        send(expired.payment(PAYMENT_SUCCEEDED, at(10)));
        send(expired.event(REFUND_REQUESTED, at(10)));
        send(expired.payment(REFUND_SUCCEEDED, at(11)));
        confirm(sale, at(12));

        awaitConcert(show, totals("10.00", 1));
    }

    @Test
    void tierPercentagesAreSharesOfTheTotalThatSumToAHundred() {
        Show show = Show.create();
        confirm(Booking.of(show, show.tierA(), 1, "100.00"), at(1));
        confirm(Booking.of(show, show.tierB(), 1, "50.00"), at(2));
        confirm(Booking.of(show, show.tierC(), 1, "10.00"), at(3));

        JsonPath json = awaitConcert(show, totals("160.00", 3));
        assertThat(json.getList("revenueByTier.tierName")).containsExactly("VIP", "Front Row", "General Admission");
        List<BigDecimal> shares = json.getList("revenueByTier.percentage").stream()
                .map(p -> new BigDecimal(p.toString())).toList();
        assertThat(shares).containsExactly(new BigDecimal("62.50"), new BigDecimal("31.25"), new BigDecimal("6.25"));
        assertThat(shares.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isCloseTo(new BigDecimal("100"),
                org.assertj.core.data.Offset.offset(new BigDecimal("0.05")));
    }

    static void confirm(Booking booking, Instant when) {
        send(booking.event(BOOKING_CREATED, when.minusSeconds(60)));
        send(booking.event(BOOKING_CONFIRMED, when));
    }

    static Instant at(int hour) {
        return NOV_20.plus(Duration.ofHours(hour));
    }

    /** Waits until the event (or, without one, any event of the booking) has been applied. */
    private void awaitApplied(EventEnvelope event, UUID bookingId) {
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            try (var c = db.getConnection(); var s = c.prepareStatement(event == null
                    ? "select 1 from booking_facts where booking_id = ?"
                    : "select 1 from applied_events where event_id = ?")) {
                s.setObject(1, event == null ? bookingId : event.id());
                try (var rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
