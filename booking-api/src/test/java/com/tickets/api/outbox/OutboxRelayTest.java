package com.tickets.api.outbox;

import com.tickets.api.BookingRequests;
import com.tickets.api.access.BookingTokens;
import com.tickets.api.Fixtures;
import com.tickets.api.KafkaTopics;
import com.tickets.api.KafkaTopics.Received;
import com.tickets.infra.Infrastructure;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Outbox rows reach Kafka: in order per aggregate, at least once, through relay crashes and Kafka outages. */
@QuarkusTest
class OutboxRelayTest {

    /** the management interface (its own port, not the API's): readiness is there */
    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Inject
    Fixtures fixtures;

    @Inject
    BookingTokens tokens;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxRetention retention;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aBookingsEventsArriveOnTheirTopicsWithKeyHeadersAndEnvelope() {
        var tier = fixtures.concertWithTier("Relay", "10.00", 20);
        UUID booking = BookingRequests.book(base, tier.tierId(), "relay@example.com", 2, tier.total(2));

        List<Received> created = KafkaTopics.readUntil("booking.events", r -> r.key().equals(booking.toString()),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertThat(created).hasSize(1);
        Received r = created.get(0);
        assertThat(r.event().type()).isEqualTo("BookingCreated");
        assertThat(r.headers()).containsEntry("id", r.event().id().toString()).containsEntry("type", "BookingCreated")
                .containsKey("idempotency-key");
        assertThat(r.event().aggregateId()).isEqualTo(booking.toString());

        List<Received> availability = KafkaTopics.readUntil("inventory.events", x -> x.key().equals(tier.tierId().toString()),
                found -> !found.isEmpty(), Duration.ofSeconds(20));
        assertThat(availability.get(0).event().data().get("availableQuantity").asInt()).isEqualTo(18);

        await().atMost(Duration.ofSeconds(10)).until(() ->
                fixtures.count("select count(*) from outbox where aggregateid = ? and published_at is null", booking.toString()) == 0);
    }

    @Test
    void twoRelaysNeverLoseOrReorderABookingsEventsEvenWhenTheLeaderDies() throws Exception {
        var tier = fixtures.concertWithTier("Two relays", "10.00", 200);
        var standby = relay.newLoop("standby");
        Thread standbyThread = new Thread(standby, "standby-relay");
        standbyThread.start();
        try {
            List<UUID> bookings = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                UUID id = BookingRequests.book(base, tier.tierId(), "two@example.com", 1, tier.total(1));
                bookings.add(id);
                if (i == 20) {
                    // the leader "crashes": its session and advisory lock go away mid-stream
                    (relay.loop().isLeader() ? relay.loop() : standby).dropSession();
                }
                given().auth().oauth2(tokens.issue(id)).post("/api/bookings/" + id + "/cancel").then().statusCode(200);
            }
            assertThat(relay.loop().isLeader() && standby.isLeader()).isFalse();

            Set<String> keys = bookings.stream().map(UUID::toString).collect(Collectors.toSet());
            List<Received> events = KafkaTopics.readUntil("booking.events", r -> keys.contains(r.key()),
                    found -> found.stream().map(x -> x.event().id()).distinct().count() >= 80, Duration.ofSeconds(60));

            Map<String, List<String>> typesByBooking = events.stream().collect(Collectors.groupingBy(Received::key,
                    Collectors.mapping(x -> x.event().type(), Collectors.toList())));
            assertThat(typesByBooking).hasSize(40);
            typesByBooking.forEach((booking, types) -> {
                // duplicates are allowed (at least once); the order never changes
                List<String> distinctInOrder = types.stream().distinct().toList();
                assertThat(distinctInOrder).as(booking).containsExactly("BookingCreated", "BookingCancelled");
                assertThat(types.lastIndexOf("BookingCreated")).isLessThan(types.indexOf("BookingCancelled"));
            });
        } finally {
            standby.stop();
            standbyThread.join(5000);
        }
    }

    @Test
    void withKafkaDownBookingsSucceedAndEverythingIsDeliveredWhenItReturns() {
        var tier = fixtures.concertWithTier("Outage", "10.00", 100);
        List<UUID> bookings = new ArrayList<>();
        org.junit.jupiter.api.Assumptions.assumeTrue(Infrastructure.kafkaIsOurs(), "needs a broker of its own to stop it (INFRA_KAFKA_BOOTSTRAP_SERVERS is set)");
        Infrastructure.kafka().stop();
        try {
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                bookings.add(BookingRequests.book(base, tier.tierId(), "outage@example.com", 1, tier.total(1)));
                sleep(1000);
            }
            given().get(management.resolve("/q/health/ready")).then().statusCode(200);
            assertThat(fixtures.count("select count(*) from outbox where published_at is null")).isGreaterThanOrEqualTo(bookings.size());
        } finally {
            Infrastructure.kafka().restart();
        }
        Set<String> keys = bookings.stream().map(UUID::toString).collect(Collectors.toSet());
        List<Received> events = KafkaTopics.readUntil("booking.events", r -> keys.contains(r.key()),
                found -> found.stream().map(Received::key).distinct().count() == keys.size(), Duration.ofSeconds(90));
        Set<String> delivered = events.stream().map(Received::key).collect(Collectors.toSet());
        assertThat(delivered).isEqualTo(keys);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                fixtures.count("select count(*) from outbox where published_at is null") == 0);
    }

    @Test
    void publishedRowsAreDeletedAfterTheRetention() {
        var tier = fixtures.concertWithTier("Retention", "10.00", 5);
        UUID booking = BookingRequests.book(base, tier.tierId(), "retention@example.com", 1, tier.total(1));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                fixtures.count("select count(*) from outbox where aggregateid = ? and published_at is not null", booking.toString()) == 1);
        fixtures.update("update outbox set published_at = now() - interval '2 days' where aggregateid = ?", booking.toString());
        assertThat(retention.deletePublished()).isGreaterThanOrEqualTo(1);
        assertThat(fixtures.count("select count(*) from outbox where aggregateid = ?", booking.toString())).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
