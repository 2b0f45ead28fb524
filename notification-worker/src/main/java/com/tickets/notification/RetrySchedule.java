package com.tickets.notification;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDelayedRetryTopic;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When and where a booking mail that failed is tried again. The first failure is SmallRye's
 * delayed-retry-topic strategy on {@code booking-events}: it writes the record to the first retry
 * topic. SmallRye reads the retry topics back only into a channel that is not batched
 * ({@code KafkaSource} merges its retry stream into the record stream, never into the batch stream),
 * so for the batched {@code booking-events} nothing would ever read them. {@code
 * booking-events-retries} does ({@link BookingMailer#onRetries}), in the consumer group SmallRye uses
 * for them, and by SmallRye's rules, which this class holds: a record read from
 * {@code <topic>_<delay ms>} is due {@code delay} after it was written there; the n-th retry that fails
 * goes to the n+1-th retry topic, and after the last one, or when the next retry would end later than
 * {@code delayed-retry-topic.timeout} after the first failure, to the dead-letter topic. The count
 * and the reason travel in SmallRye's headers ({@code delayed-retry-count}, {@code
 * delayed-retry-reason}), so a retried record reads the same to an operator as before.
 */
@ApplicationScoped
public class RetrySchedule {

    private final List<String> topics;
    private final String deadLetterTopic;
    private final Duration timeout;

    RetrySchedule(@ConfigProperty(name = "mp.messaging.incoming.booking-events.delayed-retry-topic.topics") List<String> topics,
                  @ConfigProperty(name = "mp.messaging.incoming.booking-events.dead-letter-queue.topic") String deadLetterTopic,
                  @ConfigProperty(name = "mp.messaging.incoming.booking-events.delayed-retry-topic.timeout") long timeoutMillis) {
        this.topics = List.copyOf(topics);
        this.deadLetterTopic = deadLetterTopic;
        this.timeout = Duration.ofMillis(timeoutMillis);
    }

    /** The delay a retry topic stands for: SmallRye names them {@code <anything>_<delay in ms>}. */
    static Duration delayOf(String topic) {
        return Duration.ofMillis(Long.parseLong(topic.substring(topic.lastIndexOf('_') + 1)));
    }

    static Instant dueAt(KafkaRecord<?, ?> record) {
        return record.getTimestamp().plus(delayOf(record.getTopic()));
    }

    /**
     * A batch of retries in the order to try them: the records of each retry topic together (they
     * wait the same delay, and were written moments apart), the group due first before the others.
     * A group is tried once its last record is due.
     */
    static List<List<KafkaRecord<String, String>>> waves(List<KafkaRecord<String, String>> records) {
        Map<String, List<KafkaRecord<String, String>>> byTopic = new LinkedHashMap<>();
        records.forEach(r -> byTopic.computeIfAbsent(r.getTopic(), t -> new ArrayList<>()).add(r));
        List<List<KafkaRecord<String, String>>> waves = new ArrayList<>(byTopic.values());
        waves.sort(Comparator.comparing(RetrySchedule::lastDue));
        return waves;
    }

    static Instant lastDue(List<KafkaRecord<String, String>> wave) {
        return wave.stream().map(RetrySchedule::dueAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** Where a record read from a retry topic goes when this retry fails too, and the headers saying so. */
    Metadata nextHop(KafkaRecord<String, String> record, Throwable reason, Instant now) {
        int retries = retriesSoFar(record.getHeaders()) + 1;
        Instant firstFailure = timestamp(record.getHeaders(), KafkaDelayedRetryTopic.DELAYED_RETRY_FIRST_PROCESSING_TIMESTAMP,
                record.getTimestamp());
        String next = nextTopic(topics, deadLetterTopic, timeout, retries, firstFailure, now);
        Headers headers = new RecordHeaders();
        headers.add(KafkaDelayedRetryTopic.DELAYED_RETRY_COUNT, Integer.toString(retries).getBytes(StandardCharsets.UTF_8));
        String message = reason.getMessage() != null ? reason.getMessage() : reason.toString();
        headers.add(KafkaDelayedRetryTopic.DELAYED_RETRY_REASON, message.getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaDelayedRetryTopic.DELAYED_RETRY_EXCEPTION_CLASS_NAME,
                reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
        return Metadata.of(OutgoingKafkaRecordMetadata.builder().withTopic(next).withHeaders(headers).build());
    }

    /**
     * Straight to the dead-letter topic: for a record no retry can help (it cannot be read). Its
     * partition 0, which every topic has: the delayed-retry-topic strategy would otherwise write to the
     * partition number the record came from, and the dead-letter topic has fewer partitions than
     * {@code booking.events} (k8s/base/kafka-topics.yaml: 1 and 12).
     */
    Metadata deadLetter() {
        return Metadata.of(OutgoingKafkaRecordMetadata.builder().withTopic(deadLetterTopic).withPartition(0).build());
    }

    /**
     * SmallRye's rule: after {@code retries} tries from the retry topics, the next is the
     * {@code retries}-th topic (counting from 0), unless they are used up or it would end past the timeout.
     */
    static String nextTopic(List<String> topics, String deadLetterTopic, Duration timeout, int retries,
                            Instant firstFailure, Instant now) {
        if (retries >= topics.size()) {
            return deadLetterTopic;
        }
        String next = topics.get(retries);
        Instant nextTry = now.plus(delayOf(next));
        return Duration.between(firstFailure, nextTry).compareTo(timeout) > 0 ? deadLetterTopic : next;
    }

    /** SmallRye writes 0 on the first retry; each retry read counts one more. */
    static int retriesSoFar(Headers headers) {
        Header count = headers.lastHeader(KafkaDelayedRetryTopic.DELAYED_RETRY_COUNT);
        return count == null ? 0 : Integer.parseInt(new String(count.value(), StandardCharsets.UTF_8));
    }

    private static Instant timestamp(Headers headers, String name, Instant otherwise) {
        Header h = headers.lastHeader(name);
        return h == null ? otherwise : Instant.ofEpochMilli(Long.parseLong(new String(h.value(), StandardCharsets.UTF_8)));
    }
}
