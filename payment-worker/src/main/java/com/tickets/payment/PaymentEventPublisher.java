package com.tickets.payment;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.PaymentData;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Publishes outcomes on {@code payment.events}, keyed by booking id; the returned {@code Uni}
 * completes when the broker has acknowledged the record (nothing is sent before it is subscribed
 * to). The event id is derived from the booking event it answers, so a redelivered booking event
 * produces the same payment event id and the booking API applies it once.
 *
 * <p>The emitter's buffer is not what bounds the outcomes waiting to be sent: each booking event
 * in flight publishes at most one outcome at a time and waits for its ack, so there are never more
 * than {@code payment.max-in-flight} (plus the one refund the reconciler's sweep pays at a time).
 * A fixed buffer smaller than that bound would fail publishes for no reason under load.
 */
@ApplicationScoped
public class PaymentEventPublisher {

    private final MutinyEmitter<String> emitter;

    PaymentEventPublisher(@Channel("payment-events") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
                          MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Publishes the outcome {@code type} of the booking event {@code cause}, in the trace {@code traceparent}
     * (the charge's or refund's span; null for none): the record's {@code traceparent} header, which the
     * booking API carries on to the events the outcome causes.
     */
    public Uni<Void> publish(EventEnvelope cause, String type, PaymentData data, String traceparent) {
        UUID id = UUID.nameUUIDFromBytes((cause.id() + "/" + type).getBytes(StandardCharsets.UTF_8));
        EventEnvelope event = new EventEnvelope(id, type, EventEnvelope.CURRENT_VERSION, Instant.now(),
                data.bookingId().toString(), cause.idempotencyKey(), EventJson.MAPPER.valueToTree(data));
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventEnvelope.HEADER_ID, bytes(id.toString()));
        headers.add(EventEnvelope.HEADER_TYPE, bytes(type));
        if (cause.idempotencyKey() != null) {
            headers.add(EventEnvelope.HEADER_IDEMPOTENCY_KEY, bytes(cause.idempotencyKey()));
        }
        if (traceparent != null) {
            headers.add(EventEnvelope.HEADER_TRACEPARENT, bytes(traceparent));
        }
        return emitter.sendMessage(Message.of(EventJson.write(event)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.aggregateId()).withHeaders(headers).build()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
