package com.tickets.api;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.infra.TestTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads and writes the real topics as events, as a downstream team would. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    public record Received(String topic, String key, Map<String, String> headers, EventEnvelope event, int partition,
                           long offset) {
        static Received of(ConsumerRecord<String, String> r) {
            Map<String, String> headers = new HashMap<>();
            r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
            return new Received(r.topic(), r.key(), headers, EventJson.read(r.value()), r.partition(), r.offset());
        }
    }

    /** Reads {@code topic} from the beginning until {@code done} holds for what matched, or the timeout. */
    public static List<Received> readUntil(String topic, Predicate<Received> match, Predicate<List<Received>> done,
                                           Duration timeout) {
        return TestTopics.read(topic, r -> match.test(Received.of(r)),
                found -> done.test(found.stream().map(Received::of).toList()), timeout).stream().map(Received::of).toList();
    }

    /** Reads {@code topic} from the beginning until one record matches, or the timeout; records as they are. */
    public static List<ConsumerRecord<String, String>> readRaw(String topic, Predicate<ConsumerRecord<String, String>> match,
                                                               Duration timeout) {
        return TestTopics.read(topic, match, found -> !found.isEmpty(), timeout);
    }

    public static void send(String topic, String key, EventEnvelope event) {
        TestTopics.send(topic, key, EventJson.write(event),
                Map.of(EventEnvelope.HEADER_ID, event.id().toString(), EventEnvelope.HEADER_TYPE, event.type()));
    }

    public static void sendRaw(String topic, String key, String value) {
        TestTopics.send(topic, key, value);
    }
}
