package com.tickets.system;

import com.tickets.local.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two booking-api replicas on one database: a booking on one reaches the watchers of both. */
class TwoReplicasIT {

    static Stack stack;
    static ServiceProcess apiA;
    static ServiceProcess apiB;

    @BeforeAll
    static void start() {
        stack = new Stack();
        apiA = stack.start("booking-api-a", "booking-api", Map.of());
        apiB = stack.start("booking-api-b", "booking-api", Map.of());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aBookingOnOneReplicaIsPushedToWatchersOfBoth() throws Exception {
        Http.Tier tier = Http.concertWithTier(apiA.base(), "Replicated", "20.00", 40);
        List<String> seenOnA = watch(apiA.base(), tier);
        List<String> seenOnB = watch(apiB.base(), tier);
        await().atMost(Duration.ofSeconds(10)).until(() -> !seenOnA.isEmpty() && !seenOnB.isEmpty());
        Thread.sleep(3000); // let each replica's fresh consumer group join before the change

        Http.book(apiA.base(), tier, "replica@example.com", 4);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                seenOnA.stream().anyMatch(l -> l.contains("\"availableQuantity\":36"))
                        && seenOnB.stream().anyMatch(l -> l.contains("\"availableQuantity\":36")));
    }

    private static List<String> watch(URI base, Http.Tier tier) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Http.CLIENT.sendAsync(HttpRequest.newBuilder(base.resolve("/api/concerts/stream?concertId=" + tier.concertId())).build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                    try (Stream<String> body = r.body()) {
                        body.filter(l -> l.startsWith("data: ")).forEach(lines::add);
                    }
                });
        return lines;
    }
}
