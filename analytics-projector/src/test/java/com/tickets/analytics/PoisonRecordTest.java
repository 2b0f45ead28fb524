package com.tickets.analytics;

import com.tickets.analytics.Events.Booking;
import com.tickets.analytics.Events.Show;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.tickets.analytics.Dashboards.awaitConcert;
import static com.tickets.analytics.Dashboards.totals;
import static com.tickets.analytics.SalesProjectionTest.confirm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A record that can never apply goes through the retry topics to the DLQ; the partition goes on. */
@QuarkusTest
class PoisonRecordTest {

    @Test
    void aPoisonRecordEndsInTheDeadLetterTopicWithoutBlockingLaterEvents() {
        String key = UUID.randomUUID().toString();
        String poison = "{ not json " + key;
        Events.sendRaw(Events.bookingTopic(), key, poison);
        Show show = Show.create();
        confirm(Booking.of(show, show.tierA(), 1, "100.00"), Instant.parse("2030-09-01T10:00:00Z"));

        awaitConcert(show, totals("100.00", 1));
        String dlq = ConfigProvider.getConfig()
                .getValue("mp.messaging.incoming.booking-events.dead-letter-queue.topic", String.class);
        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + key,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(dlq));
            await().atMost(Duration.ofSeconds(40)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
                return dead.stream().anyMatch(r -> key.equals(r.key()));
            });
        }
        ConsumerRecord<String, String> record = dead.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        assertThat(record.value()).isEqualTo(poison);
        // the delayed-retry strategy names its cause headers delayed-retry-*
        assertThat(record.headers().lastHeader("delayed-retry-reason")).isNotNull();
        assertThat(record.headers().lastHeader("delayed-retry-count")).isNotNull();
    }
}
