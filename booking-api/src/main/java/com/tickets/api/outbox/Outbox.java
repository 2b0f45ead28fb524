package com.tickets.api.outbox;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.observability.Traceparents;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Writes events into the outbox table, the only writer of it. Mandatory transaction: an event is
 * only ever recorded together with the state change it describes, and rolled back with it. The rows
 * go in on the transaction's own connection (Agroal hands every {@code getConnection()} of one JTA
 * transaction the same enlisted connection, the one Hibernate uses too), one INSERT for any number of
 * events.
 *
 * <p>Each row carries the W3C {@code traceparent} of the work that caused it, which the relay sends as
 * the record's {@code traceparent} header: by default the span current where the {@link Entry} is made
 * (the HTTP request of a cancel or an organizer's change), or the one given (a booking written by a batch
 * writer thread carries its own request's; an event caused by a payment outcome, that outcome's record's).
 */
@ApplicationScoped
public class Outbox {

    private final AgroalDataSource db;

    Outbox(AgroalDataSource db) {
        this.db = db;
    }

    /**
     * An event to record: which aggregate it is about, what happened, the request that caused it, and
     * the trace of that cause ({@code traceparent}; null when there is none).
     */
    public record Entry(String aggregateType, String aggregateId, String type, String idempotencyKey, Object data,
                        Instant occurredAt, String traceparent) {

        /** An event caused by what runs on this thread now: it carries the current span's trace, if any. */
        public Entry(String aggregateType, String aggregateId, String type, String idempotencyKey, Object data,
                     Instant occurredAt) {
            this(aggregateType, aggregateId, type, idempotencyKey, data, occurredAt, Traceparents.current());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(Entry entry) {
        appendAll(List.of(entry));
    }

    /**
     * Records the events with one INSERT. Rows get their {@code seq} in list order, which is the
     * order the relay publishes them in.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection()) {
            insert(c, entries);
        } catch (SQLException e) {
            throw new OutboxWriteException(e);
        }
    }

    private static void insert(Connection c, List<Entry> entries) throws SQLException {
        int n = entries.size();
        String[] ids = new String[n];
        String[] aggregateTypes = new String[n];
        String[] aggregateIds = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        String[] createdAt = new String[n];
        String[] keys = new String[n];
        String[] traceparents = new String[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            EventEnvelope envelope = EventJson.envelope(e.type(), e.aggregateId(), e.idempotencyKey(), e.data(), e.occurredAt());
            ids[i] = envelope.id().toString();
            aggregateTypes[i] = e.aggregateType();
            aggregateIds[i] = e.aggregateId();
            types[i] = e.type();
            payloads[i] = EventJson.write(envelope);
            createdAt[i] = e.occurredAt().toString();
            keys[i] = e.idempotencyKey();
            traceparents[i] = e.traceparent();
        }
        try (var s = c.prepareStatement("""
                insert into outbox (id, aggregatetype, aggregateid, type, payload, created_at, idempotency_key, traceparent)
                select o.id::uuid, o.aggregatetype, o.aggregateid, o.type, o.payload::jsonb, o.created_at::timestamptz, o.key,
                       o.traceparent
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     with ordinality as o(id, aggregatetype, aggregateid, type, payload, created_at, key, traceparent, ord)
                order by o.ord""")) {
            s.setArray(1, c.createArrayOf("text", ids));
            s.setArray(2, c.createArrayOf("text", aggregateTypes));
            s.setArray(3, c.createArrayOf("text", aggregateIds));
            s.setArray(4, c.createArrayOf("text", types));
            s.setArray(5, c.createArrayOf("text", payloads));
            s.setArray(6, c.createArrayOf("text", createdAt));
            s.setArray(7, c.createArrayOf("text", keys));
            s.setArray(8, c.createArrayOf("text", traceparents));
            s.executeUpdate();
        }
    }
}
