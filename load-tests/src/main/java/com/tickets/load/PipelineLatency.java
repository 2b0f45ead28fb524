package com.tickets.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the event pipeline while a load runs: for every {@code BookingCreated} a downstream
 * consumer receives, the time from the event's {@code occurredAt} (set inside the booking
 * transaction, just before it commits) to its arrival — outbox commit → relay → Kafka → consumer.
 * Once a second it also reads the relay's backlog from the outbox (unpublished rows and the age of
 * the oldest). Prints the percentiles and the worst backlog at the end.
 *
 * <pre>
 * java -cp … com.tickets.load.PipelineLatency --seconds=60 \
 *      [--bootstrap=127.0.0.1:19092] [--topic=booking.events] \
 *      [--jdbc=jdbc:postgresql://127.0.0.1:15432/booking_api] [--user=postgres] [--password=postgres]
 * </pre>
 */
public final class PipelineLatency {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int seconds = options.integer("seconds", 60);
        String bootstrap = options.string("bootstrap", "127.0.0.1:19092");
        String topic = options.string("topic", "booking.events");
        String jdbc = options.string("jdbc", "jdbc:postgresql://127.0.0.1:15432/booking_api");
        String user = options.string("user", "postgres");
        String password = options.string("password", "postgres");

        AtomicLong worstBacklogRows = new AtomicLong();
        AtomicLong worstBacklogAgeMillis = new AtomicLong();
        Thread backlog = new Thread(() -> sampleBacklog(jdbc, user, password, worstBacklogRows, worstBacklogAgeMillis),
                "outbox-backlog");
        backlog.setDaemon(true);
        backlog.start();

        List<Long> latencies = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "pipeline-latency-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    long receivedAt = System.currentTimeMillis();
                    JsonNode event = JSON.readTree(r.value());
                    if ("BookingCreated".equals(event.path("type").asText())) {
                        latencies.add(receivedAt - Instant.parse(event.path("occurredAt").asText()).toEpochMilli());
                    }
                }
            }
        }
        Collections.sort(latencies);
        System.out.printf("pipeline commit->consumer: events=%d p50=%d ms p95=%d ms p99=%d ms max=%d ms; "
                        + "outbox backlog worst: %d rows, oldest %d ms%n",
                latencies.size(), percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1), worstBacklogRows.get(),
                worstBacklogAgeMillis.get());
    }

    private static void sampleBacklog(String jdbc, String user, String password, AtomicLong rows, AtomicLong ageMillis) {
        try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("""
                        select count(*), coalesce(extract(epoch from now() - min(created_at)) * 1000, 0)
                        from outbox where published_at is null""")) {
                    rs.next();
                    rows.accumulateAndGet(rs.getLong(1), Math::max);
                    ageMillis.accumulateAndGet(rs.getLong(2), Math::max);
                }
                Thread.sleep(1000);
            }
        } catch (Exception e) {
            System.err.println("outbox backlog sampling stopped: " + e);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private PipelineLatency() {
    }
}
