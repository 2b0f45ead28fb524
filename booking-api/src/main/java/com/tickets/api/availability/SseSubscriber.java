package com.tickets.api.availability;

import com.tickets.events.EventJson;
import io.vertx.core.http.HttpServerResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One SSE connection. What it has not been able to send yet is kept as the latest value per tier
 * (bounded by the number of tiers), so a slow client never slows the others and never makes the
 * server buffer a backlog: when its socket is full it simply skips to the newest values.
 */
public final class SseSubscriber {

    private static final AtomicLong EVENT_IDS = new AtomicLong();

    private final HttpServerResponse response;
    private final UUID concertFilter;
    private final Map<UUID, Availability> pending = new LinkedHashMap<>();
    private boolean closed;

    SseSubscriber(HttpServerResponse response, UUID concertFilter) {
        this.response = response;
        this.concertFilter = concertFilter;
        response.drainHandler(v -> drain());
    }

    synchronized void snapshot(Object snapshot) {
        write("snapshot", EventJson.write(snapshot));
    }

    synchronized void offer(Availability value) {
        if (closed || (concertFilter != null && !concertFilter.equals(value.concertId()))) {
            return;
        }
        pending.put(value.ticketTierId(), value);
        drain();
    }

    synchronized void heartbeat() {
        if (!closed && !response.writeQueueFull()) {
            response.write(": ping\n\n");
        }
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }
    }

    synchronized void markClosed() {
        closed = true;
        pending.clear();
    }

    private void drain() {
        var it = pending.values().iterator();
        while (!closed && it.hasNext() && !response.writeQueueFull()) {
            Availability value = it.next();
            it.remove();
            write("availability", EventJson.write(value));
        }
    }

    private void write(String event, String data) {
        if (closed || response.closed()) {
            return;
        }
        response.write("id: " + EVENT_IDS.incrementAndGet() + "\nevent: " + event + "\ndata: " + data + "\n\n");
    }
}
