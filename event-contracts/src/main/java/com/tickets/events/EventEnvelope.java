package com.tickets.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/**
 * The value of every record on our topics. {@code data} is one of the payload records of this
 * package, as JSON; read it with {@link EventJson#data(EventEnvelope, Class)}.
 */
public record EventEnvelope(UUID id, String type, int version, Instant occurredAt, String aggregateId,
                            String idempotencyKey, JsonNode data) {

    public static final int CURRENT_VERSION = 1;

    /** Kafka record header names carried with every event. */
    public static final String HEADER_ID = "id";
    public static final String HEADER_TYPE = "type";
    public static final String HEADER_IDEMPOTENCY_KEY = "idempotency-key";
    public static final String HEADER_TRACEPARENT = "traceparent";
}
