package com.tickets.analytics;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.infra.Infrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Only confirmed sales count, whatever order and however often the events arrive. */
@QuarkusTest
class DashboardTest {

    static final KafkaProducer<String, String> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));

    @AfterAll
    static void close() {
        PRODUCER.close();
    }

    record Show(UUID concertId, UUID tierA, UUID tierB) {
        static Show create() {
            return new Show(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        }
    }

    @Test
    void confirmedSalesCountPendingDoNotAndACancellationTakesItsRevenueBackOut() {
        Show show = Show.create();
        UUID paid = UUID.randomUUID();
        UUID held = UUID.randomUUID();
        UUID refunded = UUID.randomUUID();
        send(event("BookingCreated", paid, show, show.tierA(), 2, "50.00", at(10)));
        send(event("BookingConfirmed", paid, show, show.tierA(), 2, "50.00", at(11)));
        send(event("BookingCreated", held, show, show.tierA(), 1, "25.00", at(12)));
        send(event("BookingCreated", refunded, show, show.tierB(), 1, "80.00", at(13)));
        send(event("BookingConfirmed", refunded, show, show.tierB(), 1, "80.00", at(14)));
        send(event("BookingCancelled", refunded, show, show.tierB(), 1, "80.00", at(15)));

        awaitDashboard(show, json -> json.getDouble("summary.totalRevenue") == 50.00
                && json.getLong("summary.totalTicketsSold") == 2 && json.getList("revenueByTier").size() == 1);
        JsonPath json = dashboard(show, "day");
        assertThat(json.getString("revenueByTier[0].tierName")).isEqualTo("Tier " + show.tierA().toString().substring(0, 4));
        assertThat(json.getDouble("revenueByTier[0].percentage")).isEqualTo(100.0);
        assertThat(json.getString("salesOverTime[0].date")).isEqualTo("2026-11-20T00:00:00Z");
    }

    @Test
    void duplicatesAndACancellationReadBeforeItsConfirmationNeverDoubleCount() {
        Show show = Show.create();
        UUID twice = UUID.randomUUID();
        UUID reordered = UUID.randomUUID();
        EventEnvelope confirmed = event("BookingConfirmed", twice, show, show.tierA(), 3, "30.00", at(10));
        send(confirmed);
        send(confirmed);
        send(event("BookingConfirmed", twice, show, show.tierA(), 3, "30.00", at(10))); // same fact, another event id
        EventEnvelope cancelled = event("BookingCancelled", reordered, show, show.tierB(), 1, "99.00", at(12));
        EventEnvelope lateConfirmation = event("BookingConfirmed", reordered, show, show.tierB(), 1, "99.00", at(11));
        send(cancelled);
        send(lateConfirmation);

        await().atMost(Duration.ofSeconds(30)).until(() -> applied(cancelled.id()) && applied(lateConfirmation.id()));
        awaitDashboard(show, json -> json.getDouble("summary.totalRevenue") == 30.00);
        assertThat(dashboard(show, "day").getLong("summary.totalTicketsSold")).isEqualTo(3);
    }

    @Test
    void salesAreBucketedByHourDayAndWeekInUtc() {
        Show show = Show.create();
        // Friday 2026-11-20 23:30 and Saturday 00:30 UTC: two hours, two days, one ISO week
        confirmSale(show, show.tierA(), "10.00", Instant.parse("2026-11-20T23:30:00Z"));
        confirmSale(show, show.tierA(), "20.00", Instant.parse("2026-11-21T00:30:00Z"));
        awaitDashboard(show, json -> json.getDouble("summary.totalRevenue") == 30.00);

        assertThat(dashboard(show, "hour").getList("salesOverTime.date"))
                .containsExactly("2026-11-20T23:00:00Z", "2026-11-21T00:00:00Z");
        assertThat(dashboard(show, "day").getList("salesOverTime.date"))
                .containsExactly("2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z");
        assertThat(dashboard(show, "week").getList("salesOverTime.date")).containsExactly("2026-11-16T00:00:00Z");
        given().auth().preemptive().basic("organizer", "organizer")
                .queryParam("concertId", show.concertId()).queryParam("startDate", "2026-11-21").queryParam("endDate", "2026-11-21")
                .get("/api/analytics/dashboard").then().statusCode(200).body("summary.totalRevenue", equalTo(20.00f));
    }

    @Test
    void randomBookingsWithRandomOutcomesShuffledAndDuplicatedMatchTheExpectedTotals() {
        Show show = Show.create();
        Random random = new Random(7);
        BigDecimal expectedRevenue = BigDecimal.ZERO;
        long expectedTickets = 0;
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            UUID booking = UUID.randomUUID();
            int quantity = 1 + random.nextInt(3);
            String total = BigDecimal.valueOf(12.5).multiply(BigDecimal.valueOf(quantity)).setScale(2).toPlainString();
            List<EventEnvelope> life = new ArrayList<>();
            life.add(event("BookingCreated", booking, show, show.tierA(), quantity, total, at(1)));
            switch (random.nextInt(4)) {
                case 0 -> {
                    life.add(event("BookingConfirmed", booking, show, show.tierA(), quantity, total, at(2)));
                    expectedRevenue = expectedRevenue.add(new BigDecimal(total));
                    expectedTickets += quantity;
                }
                case 1 -> {
                    life.add(event("BookingConfirmed", booking, show, show.tierA(), quantity, total, at(2)));
                    life.add(event("BookingCancelled", booking, show, show.tierA(), quantity, total, at(3)));
                }
                case 2 -> life.add(event("BookingExpired", booking, show, show.tierA(), quantity, total, at(3)));
                default -> { /* still held */ }
            }
            Collections.shuffle(life, random);
            events.addAll(life);
            if (random.nextBoolean()) {
                events.add(life.get(0)); // redelivered
            }
        }
        events.forEach(DashboardTest::send);
        BigDecimal revenue = expectedRevenue;
        long tickets = expectedTickets;
        awaitDashboard(show, json -> new BigDecimal(json.getString("summary.totalRevenue")).compareTo(revenue) == 0
                && json.getLong("summary.totalTicketsSold") == tickets);
    }

    @Test
    void aRebuildFromTheStartOfTheTopicsEndsWithTheSameNumbers() {
        Show show = Show.create();
        confirmSale(show, show.tierA(), "40.00", at(5));
        confirmSale(show, show.tierB(), "60.00", at(6));
        awaitDashboard(show, json -> json.getDouble("summary.totalRevenue") == 100.00);
        String before = dashboard(show, "day").prettify();

        given().auth().preemptive().basic("organizer", "organizer").post("/api/analytics/rebuild").then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> dashboard(show, "day").prettify().equals(before));
    }

    @Test
    void onlyOrganizersSeeTheDashboardAndBadParametersAreProblems() {
        given().get("/api/analytics/dashboard").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic"));
        given().auth().preemptive().basic("fan", "fan").get("/api/analytics/dashboard").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().preemptive().basic("organizer", "wrong").get("/api/analytics/dashboard").then().statusCode(401);
        given().auth().preemptive().basic("organizer", "organizer").queryParam("concertId", "nope")
                .queryParam("period", "month").queryParam("startDate", "yesterday")
                .get("/api/analytics/dashboard").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("concertId", "period", "startDate"));
    }

    // --- helpers ---

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    private boolean applied(UUID eventId) throws Exception {
        try (var c = db.getConnection(); var s = c.prepareStatement("select 1 from applied_events where event_id = ?")) {
            s.setObject(1, eventId);
            try (var rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Instant at(int hourOfDay) {
        return Instant.parse("2026-11-20T00:00:00Z").plusSeconds(hourOfDay * 3600L);
    }

    private static void confirmSale(Show show, UUID tier, String total, Instant when) {
        UUID booking = UUID.randomUUID();
        send(event("BookingCreated", booking, show, tier, 1, total, when.minusSeconds(60)));
        send(event("BookingConfirmed", booking, show, tier, 1, total, when));
    }

    private static EventEnvelope event(String type, UUID booking, Show show, UUID tier, int quantity, String total,
                                       Instant occurredAt) {
        BookingData data = new BookingData(booking, show.concertId(), "Concert " + show.concertId().toString().substring(0, 4),
                Instant.parse("2026-12-24T20:00:00Z"), tier, "Tier " + tier.toString().substring(0, 4), "fan@example.com",
                quantity, new BigDecimal(total).divide(BigDecimal.valueOf(quantity), 2, java.math.RoundingMode.HALF_UP),
                new BigDecimal(total), "USD", type, occurredAt, occurredAt.plusSeconds(600), null);
        return EventJson.envelope(type, booking.toString(), "key-" + booking, data, occurredAt);
    }

    private static void send(EventEnvelope event) {
        try {
            PRODUCER.send(new ProducerRecord<>("booking.events", event.aggregateId(), EventJson.write(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath dashboard(Show show, String period) {
        return given().auth().preemptive().basic("organizer", "organizer")
                .queryParam("concertId", show.concertId()).queryParam("period", period)
                .get("/api/analytics/dashboard").then().statusCode(200).extract().jsonPath();
    }

    private static void awaitDashboard(Show show, java.util.function.Predicate<JsonPath> condition) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> condition.test(dashboard(show, "day")));
    }
}
