package com.tickets.api.outbox;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Writes events into the outbox table. Mandatory transaction: an event is only ever recorded
 * together with the state change it describes, and rolled back with it.
 */
@ApplicationScoped
public class Outbox {

    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope append(String aggregateType, String aggregateId, String type, String idempotencyKey,
                                Object data, Instant occurredAt) {
        EventEnvelope envelope = EventJson.envelope(type, aggregateId, idempotencyKey, data, occurredAt);
        OutboxEvent row = new OutboxEvent();
        row.id = envelope.id();
        row.aggregatetype = aggregateType;
        row.aggregateid = aggregateId;
        row.type = type;
        row.payload = EventJson.write(envelope);
        row.createdAt = occurredAt;
        row.idempotencyKey = idempotencyKey;
        row.persist();
        return envelope;
    }
}
