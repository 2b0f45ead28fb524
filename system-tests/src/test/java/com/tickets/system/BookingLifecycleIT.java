package com.tickets.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.events.EventEnvelope;
import com.tickets.local.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** booking-api and payment-worker as real processes: bookings are held, then paid or given back. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
    @Order(1)
    void aBookingIsHeldThenPaidThenConfirmedWithinSecondsWithEventsOnEveryTopicInOrder() throws Exception {
        Http.Tier tier = Http.concertWithTier(api.base(), "End to end", "35.00", 10);

        JsonNode booking = Http.book(api.base(), tier, "e2e@example.com", 2);
        assertThat(booking.get("status").asText()).isEqualTo("PENDING");

        String id = booking.get("id").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Http.status(api.base(), id).equals("CONFIRMED"));

        assertThat(Topics.eventsFor("booking.events", id, 2, Duration.ofSeconds(20))).extracting(EventEnvelope::type)
                .containsExactly("BookingCreated", "BookingConfirmed");
        List<EventEnvelope> payments = Topics.eventsFor("payment.events", id, 1, Duration.ofSeconds(20));
        assertThat(payments).extracting(EventEnvelope::type).containsExactly("PaymentSucceeded");
        assertThat(payments.get(0).idempotencyKey()).isEqualTo(booking.get("idempotencyKey").asText());
        // the publication announced the new tier's 10 tickets to live watchers; the booking left 8
        assertThat(Topics.eventsFor("inventory.events", tier.tierId().toString(), 2, Duration.ofSeconds(20)))
                .extracting(e -> e.data().get("availableQuantity").asInt()).containsExactly(10, 8);
    }

    @Test
    @Order(2)
    void aDeclinedPaymentCancelsTheBookingAndGivesTheTicketsBack() throws Exception {
        stack.stop("payment-worker");
        stack.start("payment-worker-declining", "payment-worker", Map.of("PAYMENT_GATEWAY_DECLINE_RATE", "1.0"));
        Http.Tier tier = Http.concertWithTier(api.base(), "Declined", "35.00", 10);

        String id = Http.book(api.base(), tier, "declined@example.com", 3).get("id").asText();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Http.status(api.base(), id).equals("CANCELLED"));
        JsonNode concert = Http.get(api.base().resolve("/api/concerts/" + tier.concertId()));
        assertThat(concert.get("concert").get("ticketTiers").get(0).get("availableQuantity").asInt()).isEqualTo(10);
        assertThat(Topics.eventsFor("booking.events", id, 2, Duration.ofSeconds(20))).extracting(EventEnvelope::type)
                .containsExactly("BookingCreated", "BookingCancelled");
    }

    @Test
    @Order(3)
    void operatorEndpointsAnswerOnlyOnTheManagementPortOfTheLocalProfile() throws Exception {
        for (String name : List.of("booking-api", "payment-worker-declining")) {
            ServiceProcess p = stack.service(name);
            assertThat(p.management().getPort()).as(name).isNotEqualTo(p.base().getPort());
            for (String path : List.of("/q/health/ready", "/q/metrics")) {
                assertThat(statusOf(p.management().resolve(path))).as(name + " management " + path).isEqualTo(200);
                assertThat(statusOf(p.base().resolve(path))).as(name + " public " + path).isEqualTo(404);
            }
        }
        // booking-api's API description: on the management port in the local profile, never on the public one
        assertThat(statusOf(api.management().resolve("/q/openapi"))).isEqualTo(200);
        assertThat(statusOf(api.base().resolve("/q/openapi"))).isEqualTo(404);
        assertThat(statusOf(api.base().resolve("/q/swagger-ui/"))).isEqualTo(404);
    }

    static int statusOf(java.net.URI uri) throws Exception {
        return Http.CLIENT.send(java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
