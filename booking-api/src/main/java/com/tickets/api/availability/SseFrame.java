package com.tickets.api.availability;

import com.tickets.events.EventJson;
import io.vertx.core.buffer.Buffer;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One server-sent event, encoded once and written as is to every stream that takes it: with
 * thousands of watchers, encoding a change per watcher would cost more than the change itself.
 * (A Vert.x {@link Buffer} may be written to many responses: each write takes a view of its bytes.)
 */
record SseFrame(UUID concertId, UUID ticketTierId, Buffer bytes) {

    private static final AtomicLong EVENT_IDS = new AtomicLong();

    static SseFrame availability(Availability value) {
        return new SseFrame(value.concertId(), value.ticketTierId(), encode("availability", EventJson.write(value)));
    }

    static Buffer encode(String event, String data) {
        return Buffer.buffer("id: " + EVENT_IDS.incrementAndGet() + "\nevent: " + event + "\ndata: " + data + "\n\n");
    }
}
