package com.tickets.system.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.events.EventJson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The records the stack's consumers dead-lettered: each service's DLQ topics, read from where they stood
 * when a scenario started ({@link #mark}) to their end. Every one of them must be explained by the
 * scenario's invariants (docs/reliability.md): a dead letter nobody looks at is a lost event.
 */
final class DeadLetters {

    /** One dead-lettered record: its topic, event type and booking (if it could be read), and why SmallRye gave up on it. */
    record Letter(String topic, String type, Optional<UUID> bookingId, String reason, String value) {
        String describe() {
            return topic + ": " + type + " of booking " + bookingId.map(UUID::toString).orElse("?") + " (" + reason + ")";
        }
    }

    private DeadLetters() {
    }

    /** The DLQ topics of a stack whose topics end in {@code suffix}. */
    static List<String> topics(String suffix) {
        return List.of("booking.events" + suffix + ".payment-worker.dlq", "booking.events" + suffix + ".notification-worker.dlq",
                "booking.events" + suffix + ".analytics-projector.dlq", "payment.events" + suffix + ".booking-api.dlq",
                "payment.events" + suffix + ".analytics-projector.dlq", "access.events" + suffix + ".notification-worker.dlq");
    }

    /** Where each existing partition of {@code topics} ends now (a topic made later is read from its start). */
    static Map<TopicPartition, Long> mark(String bootstrap, List<String> topics) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            return partitions.isEmpty() ? Map.of() : new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
        }
    }

    /** Every record dead-lettered on {@code topics} after {@code from}. */
    static List<Letter> since(String bootstrap, List<String> topics, Map<TopicPartition, Long> from) {
        List<Letter> letters = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = partitions(consumer, topics);
            if (partitions.isEmpty()) {
                return letters;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, from.getOrDefault(tp, 0L));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        letters.add(letter(r));
                    }
                }
            }
        }
        return letters;
    }

    private static Letter letter(ConsumerRecord<String, String> r) {
        StringBuilder reason = new StringBuilder();
        for (Header h : r.headers()) {
            if (h.key().contains("reason") || h.key().contains("cause")) {
                reason.append(reason.isEmpty() ? "" : "; ").append(h.key()).append('=')
                        .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        String type = "unreadable";
        Optional<UUID> booking = Optional.empty();
        try {
            JsonNode event = EventJson.MAPPER.readTree(r.value());
            type = event.path("type").asText("unreadable");
            String id = event.path("data").path("bookingId").asText("");
            booking = id.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(id));
        } catch (Exception e) {
            // not an event: it stays "unreadable", which no rule explains
        }
        return new Letter(r.topic(), type, booking, reason.toString(), r.value());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, List<String> topics) {
        Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo p : existing.getOrDefault(topic, List.of())) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
        }
        return partitions;
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }
}
