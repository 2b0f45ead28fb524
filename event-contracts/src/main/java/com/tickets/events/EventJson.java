package com.tickets.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/** JSON for events: ISO-8601 timestamps, unknown fields ignored (consumers must tolerate additions). */
public final class EventJson {

    /**
     * Money keeps its two decimal places: exact BigDecimals in trees (the default node factory
     * would turn 150.00 into 1.5E+2) and plain notation when written.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private EventJson() {
    }

    public static EventEnvelope envelope(String type, String aggregateId, String idempotencyKey, Object data,
                                         Instant occurredAt) {
        return new EventEnvelope(UUID.randomUUID(), type, EventEnvelope.CURRENT_VERSION, occurredAt, aggregateId,
                idempotencyKey, MAPPER.valueToTree(data));
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static EventEnvelope read(String json) {
        try {
            return MAPPER.readValue(json, EventEnvelope.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T data(EventEnvelope envelope, Class<T> type) {
        try {
            return MAPPER.treeToValue(envelope.data(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
