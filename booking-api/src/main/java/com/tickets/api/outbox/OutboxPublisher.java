package com.tickets.api.outbox;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventTypes;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends outbox rows to Kafka through the SmallRye {@code outbox-relay} channel and waits until the
 * broker acknowledged every one of them. Key = aggregate id, headers per events.md, topic by
 * aggregate type. The producer is idempotent with acks=all, so one aggregate's records keep their
 * order on their partition.
 */
@ApplicationScoped
public class OutboxPublisher {

    private final Emitter<String> emitter;
    private final Map<String, String> topicByAggregate;
    private final Duration ackTimeout;

    OutboxPublisher(@Channel("outbox-relay") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
                    Emitter<String> emitter,
                    @ConfigProperty(name = "outbox.topic.booking", defaultValue = "booking.events") String bookingTopic,
                    @ConfigProperty(name = "outbox.topic.ticket-tier", defaultValue = "inventory.events") String tierTopic,
                    @ConfigProperty(name = "outbox.topic.access-link", defaultValue = "access.events") String accessTopic,
                    @ConfigProperty(name = "outbox.topic.concert", defaultValue = "catalog.events") String catalogTopic,
                    @ConfigProperty(name = "outbox.topic.waitlist", defaultValue = "waitlist.events") String waitlistTopic,
                    @ConfigProperty(name = "outbox.relay.ack-timeout", defaultValue = "PT20S") Duration ackTimeout) {
        this.emitter = emitter;
        this.topicByAggregate = Map.of(EventTypes.AGGREGATE_BOOKING, bookingTopic, EventTypes.AGGREGATE_TICKET_TIER, tierTopic,
                EventTypes.AGGREGATE_ACCESS_LINK, accessTopic, EventTypes.AGGREGATE_CONCERT, catalogTopic,
                EventTypes.AGGREGATE_WAITLIST_ENTRY, waitlistTopic);
        this.ackTimeout = ackTimeout;
    }

    public record Row(String id, String aggregateType, String aggregateId, String type, String payload,
                      String idempotencyKey, String traceparent) {
    }

    /** Publishes the rows in order; returns once all are acknowledged, throws if any was not. */
    public void publish(List<Row> rows) throws Exception {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            CompletableFuture<Void> ack = new CompletableFuture<>();
            acks[i] = ack;
            RecordHeaders headers = new RecordHeaders();
            headers.add(EventEnvelope.HEADER_ID, bytes(row.id()));
            headers.add(EventEnvelope.HEADER_TYPE, bytes(row.type()));
            if (row.idempotencyKey() != null) {
                headers.add(EventEnvelope.HEADER_IDEMPOTENCY_KEY, bytes(row.idempotencyKey()));
            }
            if (row.traceparent() != null) {
                headers.add(EventEnvelope.HEADER_TRACEPARENT, bytes(row.traceparent()));
            }
            String topic = topicByAggregate.get(row.aggregateType());
            if (topic == null) {
                throw new IllegalStateException("no topic for aggregate type " + row.aggregateType());
            }
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(topic).withKey(row.aggregateId()).withHeaders(headers).build();
            emitter.send(Message.of(row.payload())
                    .addMetadata(metadata)
                    .withAck(() -> {
                        ack.complete(null);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        ack.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        }
        CompletableFuture.allOf(acks).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
