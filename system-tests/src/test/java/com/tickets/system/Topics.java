package com.tickets.system;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.infra.Infrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a topic from the start, as a downstream consumer would. */
final class Topics {
    private Topics() {
    }

    /** The distinct events (by id) with this key, in topic order, once at least {@code count} arrived. */
    static List<EventEnvelope> eventsFor(String topic, String key, int count, Duration timeout) {
        List<EventEnvelope> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < count) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        EventEnvelope e = EventJson.read(r.value());
                        if (found.stream().noneMatch(f -> f.id().equals(e.id()))) {
                            found.add(e);
                        }
                    }
                });
            }
        }
        return found;
    }
}
