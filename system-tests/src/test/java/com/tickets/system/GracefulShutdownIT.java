package com.tickets.system;

import com.tickets.infra.Infrastructure;
import com.tickets.local.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** SIGTERM (what Kubernetes sends) drains HTTP requests and commits Kafka offsets before exit. */
class GracefulShutdownIT {

    static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theApiAnswersEveryRequestItAcceptedBeforeItExits() throws Exception {
        ServiceProcess api = stack.start("booking-api", "booking-api", Http.NO_RATE_LIMITS); // 60 at once from one buyer
        Http.Tier tier = Http.concertWithTier(api.base(), "Drain", "5.00", 1000);
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            inFlight.add(Http.CLIENT.sendAsync(HttpRequest.newBuilder(api.base().resolve("/api/bookings"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"ticketTierId":"%s","userEmail":"drain@example.com","quantity":1,"totalPrice":5.00,"currency":"USD"}"""
                            .formatted(tier.tierId()))).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(50);
        int exit = api.terminate(Duration.ofSeconds(30));
        stack.forget("booking-api");

        assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
        int created = 0;
        for (CompletableFuture<HttpResponse<String>> f : inFlight) {
            try {
                int status = f.get().statusCode();
                assertThat(status).as("an accepted request is answered, or refused as unavailable").isIn(201, 503);
                created += status == 201 ? 1 : 0;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).as("only requests that never got in may fail").isInstanceOf(ConnectException.class);
            }
        }
        try (var c = java.sql.DriverManager.getConnection(stack.jdbcUrl("booking"), "postgres", "postgres");
             var s = c.prepareStatement("select count(*), coalesce(sum(quantity), 0) from bookings where ticket_tier_id = ?")) {
            s.setObject(1, tier.tierId());
            try (var rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("every 201 is a booking, nothing half-written").isEqualTo(created);
            }
        }
    }

    @Test
    void aWorkerCommitsTheOffsetsOfWhatItProcessedWhenTerminated() throws Exception {
        ServiceProcess api = stack.start("booking-api-2", "booking-api", Http.NO_RATE_LIMITS); // 10 from one buyer
        ServiceProcess worker = stack.start("payment-worker", "payment-worker", Map.of());
        Http.Tier tier = Http.concertWithTier(api.base(), "Offsets", "5.00", 100);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(Http.book(api.base(), tier, "offsets@example.com", 1).get("id").asText());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (String id : ids) {
                if (!Http.status(api.base(), id).equals("CONFIRMED")) {
                    return false;
                }
            }
            return true;
        });

        assertThat(worker.terminate(Duration.ofSeconds(30))).isIn(0, 143);
        stack.forget("payment-worker");

        try (Admin admin = com.tickets.infra.KafkaBroker.admin(Infrastructure.kafkaBootstrapServers())) {
            var committed = admin.listConsumerGroupOffsets("payment-worker").partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                    .filter(tp -> tp.topic().equals("booking.events"))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            assertThat(latest).isNotEmpty();
            latest.keySet().forEach(tp -> assertThat(committed.get(tp).offset()).as(tp.toString())
                    .isEqualTo(ends.get(tp).offset()));
        }
    }
}
