package com.tickets.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.tickets.events.EventJson;
import com.tickets.events.signing.BuyerTokens;
import com.tickets.infra.Infrastructure;
import com.tickets.local.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the services really put on the topics matches the published AsyncAPI document
 * ({@code /asyncapi.yaml}, from event-contracts): every record's envelope and data validate against
 * its message's JSON Schemas, its type is declared for its topic, and key and headers follow the contract.
 */
class EventContractIT {

    static Stack stack;
    static ServiceProcess api;

    @BeforeAll
    static void start() {
        stack = new Stack();
        api = stack.start("booking-api", "booking-api", Map.of("BOOKING_HOLD_DURATION", "PT4S"));
        stack.start("payment-worker", "payment-worker", Map.of("PAYMENT_GATEWAY_DECLINE_RATE", "0.5",
                "PAYMENT_GATEWAY_LATENCY", "PT0.8S"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void everyEventProducedMatchesThePublishedAsyncApiDocument() throws Exception {
        HttpResponse<String> published = Http.CLIENT.send(HttpRequest.newBuilder(api.base().resolve("/asyncapi.yaml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).isEqualTo(200);
        JsonNode asyncapi = new YAMLMapper().readTree(published.body());

        Http.Tier tier = Http.concertWithTier(api.base(), "Contract", "20.00", 100);
        List<String> ids = new ArrayList<>();
        // Fixed keys: the simulated gateway's decision depends only on (seed 42, key, attempt). In this order the
        // first booking is approved (then cancelled: refund), the second declined, and the last ones are paid
        // only after their hold expired (late payment: refund).
        int[] keys = {4, 0, 7, 1, 8, 2, 9, 3, 10, 5, 11, 6};
        for (int i : keys) {
            ids.add(Http.book(api.base(), tier, "contract" + i + "@example.com", 1 + i % 3, "contract-key-" + i).get("id").asText());
        }
        // a slow gateway (0.8 s a call, one at a time) and 4 s holds: the last bookings expire first and their late payments are refunded
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (var c = DriverManager.getConnection(stack.jdbcUrl("booking"), "postgres", "postgres");
                 var rs = c.createStatement().executeQuery("select count(*) from bookings where status = 'PENDING'")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
        for (String id : ids) {
            if (Http.status(api.base(), id).equals("CONFIRMED")) {
                Http.cancel(api.base(), id);
                break;
            }
        }
        waitlistRoundTrip();
        Thread.sleep(12000); // the payments still queued, refunds, and the last relay round

        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonNode schemas = asyncapi.get("components").get("schemas");
        JsonSchema envelope = schema(factory, schemas, "Envelope");
        Set<String> typesSeen = new HashSet<>();
        int bookingEventsSeen = 0;
        for (var channel : iterable(asyncapi.get("channels").fields())) {
            String topic = channel.getValue().get("address").asText();
            Set<String> declared = new HashSet<>();
            channel.getValue().get("messages").fieldNames().forEachRemaining(declared::add);
            for (ConsumerRecord<String, String> record : readAll(topic)) {
                JsonNode event = EventJson.MAPPER.readTree(record.value());
                String type = event.get("type").asText();
                String where = topic + " " + type + " " + record.key();
                assertThat(declared).as(where + " is declared for its topic").contains(type);
                assertThat(errors(envelope, event)).as(where + " envelope").isEmpty();
                String dataSchema = asyncapi.get("components").get("messages").get(type).get("x-data-schema").asText();
                assertThat(errors(schema(factory, schemas, dataSchema), event.get("data"))).as(where + " data").isEmpty();
                assertThat(record.key()).as(where + " key").isEqualTo(event.get("aggregateId").asText());
                assertThat(header(record, "id")).as(where + " id header").isEqualTo(event.get("id").asText());
                assertThat(header(record, "type")).as(where + " type header").isEqualTo(type);
                if (topic.equals("booking.events")) {
                    bookingEventsSeen++;
                    assertThat(event.get("data").path("timeZone").asText("")).as(where + " timeZone").isNotEmpty();
                    assertThat(event.get("data").path("location").asText("")).as(where + " location").isNotEmpty();
                    if (ids.contains(record.key())) {
                        // this test's concert (Concerts.withOneTier): in "Test Hall", on UTC
                        assertThat(event.get("data").get("location").asText()).as(where).isEqualTo("Test Hall");
                        assertThat(event.get("data").get("timeZone").asText()).as(where).isEqualTo("UTC");
                    }
                    // the same event as a producer wrote it before BookingData carried the venue still validates
                    ObjectNode older = event.get("data").deepCopy();
                    older.remove(List.of("location", "timeZone"));
                    assertThat(errors(schema(factory, schemas, dataSchema), older)).as(where + " data without the venue").isEmpty();
                }
                typesSeen.add(type);
            }
        }
        assertThat(bookingEventsSeen).isPositive();
        assertThat(typesSeen).contains("BookingCreated", "BookingConfirmed", "BookingCancelled", "RefundRequested",
                "PaymentSucceeded", "PaymentFailed", "RefundSucceeded", "AvailabilityChanged",
                // the test's concert is published through the organizer API, so the catalogue's topic has its event too
                "ConcertPublished",
                "WaitlistJoined", "WaitlistOfferMade", "WaitlistOfferClaimed", "WaitlistLeft");
    }

    /** A one-ticket tier, sold, waitlisted twice, given back: the first entry claims its offer, the second leaves. */
    private static void waitlistRoundTrip() throws Exception {
        Http.Tier tier = Http.concertWithTier(api.base(), "Contract waitlist", "15.00", 1);
        String holder = Http.book(api.base(), tier, "contract-holder@example.com", 1).get("id").asText();
        JsonNode first = join(tier, "contract-waiting@example.com");
        JsonNode second = join(tier, "contract-leaving@example.com");
        assertThat(Http.cancel(api.base(), holder).statusCode()).isEqualTo(200);
        String offer = new BuyerTokens("dev-only-booking-access-secret-not-for-production")
                .waitlistOfferToken(UUID.fromString(first.get("entry").get("id").asText()));
        HttpResponse<String> claimed = Http.CLIENT.send(HttpRequest.newBuilder(api.base().resolve("/api/waitlist/offers/"
                        + offer + "/claim")).header("Content-Type", "application/json").header("Idempotency-Key", "contract-claim")
                .POST(HttpRequest.BodyPublishers.ofString("{\"totalPrice\":15.00,\"currency\":\"USD\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(201);
        HttpResponse<String> left = Http.CLIENT.send(HttpRequest.newBuilder(api.base().resolve("/api/waitlist/"
                        + second.get("entry").get("id").asText())).header("Authorization", "Bearer " + second.get("accessToken").asText())
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(left.statusCode()).isEqualTo(200);
    }

    private static JsonNode join(Http.Tier tier, String email) throws Exception {
        HttpResponse<String> r = Http.CLIENT.send(HttpRequest.newBuilder(api.base().resolve("/api/waitlist"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"ticketTierId":"%s","userEmail":"%s","quantity":1}""".formatted(tier.tierId(), email))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return EventJson.MAPPER.readTree(r.body());
    }

    /**
     * One schema of the document, with the document's schemas beside it: a schema that refers to another
     * ({@code $ref: '#/components/schemas/TierData'}, as ConcertData does) finds it from its own root.
     */
    private static JsonSchema schema(JsonSchemaFactory factory, JsonNode schemas, String name) {
        ObjectNode schema = schemas.get(name).deepCopy();
        schema.putObject("components").set("schemas", schemas);
        return factory.getSchema(schema);
    }

    private static Set<ValidationMessage> errors(JsonSchema schema, JsonNode node) {
        return schema.validate(node);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        return () -> it;
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "contract-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.nanoTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
                var batch = consumer.poll(Duration.ofMillis(300));
                if (!batch.isEmpty()) {
                    batch.forEach(all::add);
                    quietSince = System.nanoTime();
                }
            }
        }
        return all;
    }
}
