package com.tickets.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.local.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** booking-api and payment-worker as real processes: a booking is held, paid and confirmed. */
class BookingLifecycleIT {

    static Stack stack;
    static ServiceProcess api;

    @BeforeAll
    static void start() {
        stack = new Stack();
        api = stack.start("booking-api", "booking-api", Map.of());
        stack.start("payment-worker", "payment-worker", Map.of());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aBookingIsHeldThenPaidThenConfirmedWithinSeconds() throws Exception {
        Http.Tier tier = Http.concertWithTier(stack.jdbcUrl("booking"), "End to end", "35.00", 10);

        JsonNode booking = Http.book(api.base(), tier, "e2e@example.com", 2);
        assertThat(booking.get("status").asText()).isEqualTo("PENDING");

        String id = booking.get("id").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Http.status(api.base(), id).equals("CONFIRMED"));
    }
}
