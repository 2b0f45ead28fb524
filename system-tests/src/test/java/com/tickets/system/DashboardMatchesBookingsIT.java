package com.tickets.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.events.EventJson;
import com.tickets.local.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** After random bookings with random payment outcomes, the dashboard equals SQL over the bookings. */
class DashboardMatchesBookingsIT {

    static Stack stack;
    static ServiceProcess api;
    static ServiceProcess analytics;

    @BeforeAll
    static void start() {
        stack = new Stack();
        api = stack.start("booking-api", "booking-api", Http.NO_RATE_LIMITS); // 40 bookings from one address
        stack.start("payment-worker", "payment-worker", Map.of("PAYMENT_GATEWAY_DECLINE_RATE", "0.3"));
        analytics = stack.start("analytics-projector", "analytics-projector", Map.of());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theDashboardEqualsADirectAggregateOfConfirmedBookings() throws Exception {
        Http.Tier vip = Http.concertWithTier(api.base(), "Dashboard show", "75.00", 500);
        Random random = new Random(11);
        List<String> bookings = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            bookings.add(Http.book(api.base(), vip, "buyer" + i + "@example.com", 1 + random.nextInt(4)).get("id").asText());
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> pending() == 0);
        // some buyers change their minds after paying: their revenue must leave the dashboard
        for (String id : bookings.subList(0, 8)) {
            Http.cancel(api.base(), id);
        }

        BigDecimal[] expected = confirmedTotals(vip);
        assertThat(expected[1].intValue()).isPositive();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            BigDecimal[] truth = confirmedTotals(vip);
            JsonNode dashboard = dashboard(vip);
            assertThat(dashboard.get("summary").get("totalRevenue").decimalValue()).isEqualByComparingTo(truth[0]);
            assertThat(dashboard.get("summary").get("totalTicketsSold").asLong()).isEqualTo(truth[1].longValue());
            assertThat(dashboard.get("revenueByTier").get(0).get("revenue").decimalValue()).isEqualByComparingTo(truth[0]);
        });
    }

    private static long pending() throws Exception {
        try (var c = DriverManager.getConnection(stack.jdbcUrl("booking"), "postgres", "postgres");
             var rs = c.createStatement().executeQuery("select count(*) from bookings where status = 'PENDING'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static BigDecimal[] confirmedTotals(Http.Tier tier) throws Exception {
        try (var c = DriverManager.getConnection(stack.jdbcUrl("booking"), "postgres", "postgres");
             var s = c.prepareStatement("select coalesce(sum(total_price), 0), coalesce(sum(quantity), 0) from bookings "
                     + "where status = 'CONFIRMED' and concert_id = ?")) {
            s.setObject(1, tier.concertId());
            try (var rs = s.executeQuery()) {
                rs.next();
                return new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)};
            }
        }
    }

    private static JsonNode dashboard(Http.Tier tier) throws Exception {
        String auth = Base64.getEncoder().encodeToString("organizer:organizer".getBytes());
        HttpResponse<String> r = Http.CLIENT.send(HttpRequest.newBuilder(analytics.base()
                        .resolve("/api/analytics/dashboard?concertId=" + tier.concertId()))
                .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return EventJson.MAPPER.readTree(r.body());
    }
}
