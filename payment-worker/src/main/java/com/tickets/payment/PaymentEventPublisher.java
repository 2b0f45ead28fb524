package com.tickets.payment;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.PaymentData;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes outcomes on {@code payment.events}, keyed by booking id, and waits for the broker's ack.
 * The event id is derived from the booking event it answers, so a redelivered booking event
 * produces the same payment event id and the booking API applies it once.
 */
@ApplicationScoped
public class PaymentEventPublisher {

    private final MutinyEmitter<String> emitter;

    PaymentEventPublisher(@Channel("payment-events") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public void publish(EventEnvelope cause, String type, PaymentData data) {
        UUID id = UUID.nameUUIDFromBytes((cause.id() + "/" + type).getBytes(StandardCharsets.UTF_8));
        EventEnvelope event = new EventEnvelope(id, type, EventEnvelope.CURRENT_VERSION, Instant.now(),
                data.bookingId().toString(), cause.idempotencyKey(), EventJson.MAPPER.valueToTree(data));
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventEnvelope.HEADER_ID, bytes(id.toString()));
        headers.add(EventEnvelope.HEADER_TYPE, bytes(type));
        if (cause.idempotencyKey() != null) {
            headers.add(EventEnvelope.HEADER_IDEMPOTENCY_KEY, bytes(cause.idempotencyKey()));
        }
        emitter.sendMessageAndAwait(Message.of(EventJson.write(event)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.aggregateId()).withHeaders(headers).build()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
