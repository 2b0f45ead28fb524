package com.tickets.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.infra.TestTopics;
import com.tickets.local.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * booking-api, payment-worker and notification-worker as real processes: bookings are held, then paid or
 * given back, and one trace goes from the booking request to the confirmation mail. The services export
 * their spans over OTLP/HTTP to a receiver of the test's ({@link OtlpReceiver}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BookingLifecycleIT {

    static Stack stack;
    static ServiceProcess api;
    static OtlpReceiver collector;
    static Map<String, String> exportSpans;

    @BeforeAll
    static void start() {
        collector = new OtlpReceiver();
        exportSpans = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(), "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");
        stack = new Stack();
        api = stack.start("booking-api", "booking-api", exportSpans);
        stack.start("payment-worker", "payment-worker", exportSpans);
        Map<String, String> mails = new HashMap<>(exportSpans);
        mails.put("MAIL_MOCK", "true");
        stack.start("notification-worker", "notification-worker", mails);
    }

    @AfterAll
    static void stop() {
        stack.close();
        collector.close();
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
    void oneTraceGoesFromTheBookingRequestThroughThePaymentToTheConfirmationMail() throws Exception {
        Http.Tier tier = Http.concertWithTier(api.base(), "Traced", "25.00", 10);
        String trace = UUID.randomUUID().toString().replace("-", "");
        String caller = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String id = Http.book(api.base(), tier, "traced@example.com", 1, UUID.randomUUID().toString(),
                Map.of("traceparent", "00-" + trace + "-" + caller + "-01")).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Http.status(api.base(), id).equals("CONFIRMED"));

        // every record of the booking carries the trace in its one traceparent header
        for (String topic : List.of("booking.events", "payment.events")) {
            List<ConsumerRecord<String, String>> records = TestTopics.read(topic, r -> id.equals(r.key()),
                    found -> found.size() >= (topic.equals("booking.events") ? 2 : 1), Duration.ofSeconds(20));
            assertThat(records).extracting(r -> EventJson.read(r.value()).type()).as(topic)
                    .containsAnyOf("BookingCreated", "BookingConfirmed", "PaymentSucceeded");
            for (ConsumerRecord<String, String> r : records) {
                String type = EventJson.read(r.value()).type();
                assertThat(r.headers().headers("traceparent")).as(topic + " " + type).hasSize(1);
                assertThat(TestTopics.header(r, "traceparent")).as(topic + " " + type).startsWith("00-" + trace + "-");
            }
        }
        // and every service's part of it reached the collector: the request, the charge, the outcome, the mail
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(collector.inTrace(trace)).as("requests: " + collector.requests()).extracting(OtlpReceiver.ReceivedSpan::service, OtlpReceiver.ReceivedSpan::name)
                        .contains(tuple("booking-api", "POST /api/bookings"), tuple("payment-worker", "payment charge"),
                                tuple("notification-worker", "send confirmation mail")));
        List<OtlpReceiver.ReceivedSpan> spans = collector.inTrace(trace);
        assertThat(spans).filteredOn(s -> s.name().equals("POST /api/bookings")).extracting(OtlpReceiver.ReceivedSpan::parentSpanId)
                .as("the request's span is a child of the caller's").containsOnly(caller);
        String charge = spans.stream().filter(s -> s.name().equals("payment charge")).findFirst().orElseThrow().spanId();
        assertThat(spans).as("booking-api read the payment's outcome in a child of the charge")
                .anyMatch(s -> s.service().equals("booking-api") && s.parentSpanId().equals(charge));
    }

    @Test
    @Order(3)
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
    @Order(4)
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
