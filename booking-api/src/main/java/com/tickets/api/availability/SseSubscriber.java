package com.tickets.api.availability;

import com.tickets.events.EventJson;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One SSE connection. What it has not been able to send yet is kept as the latest frame per tier
 * (bounded by the number of tiers), so a slow client never slows the others and never makes the
 * server buffer a backlog: when its socket is full it simply skips to the newest values.
 *
 * <p>It is only touched on the event loop of its connection ({@link #context()}): the feed hands
 * each event loop its subscribers' frames in one task, so no write crosses threads.
 */
public final class SseSubscriber {

    private static final String PING = ": ping\n\n";

    private final HttpServerResponse response;
    private final UUID concertFilter;
    private final Context context;
    private final Map<UUID, SseFrame> pending = new LinkedHashMap<>();
    private boolean closed;

    SseSubscriber(HttpServerResponse response, UUID concertFilter, Context context) {
        this.response = response;
        this.concertFilter = concertFilter;
        // each request runs on a context of its own, duplicated from its event loop's: group by the loop's
        this.context = VertxContext.getRootContext(context);
        response.drainHandler(v -> drain());
    }

    Context context() {
        return context;
    }

    void snapshot(Object snapshot) {
        if (!closed && !response.closed()) {
            response.write(SseFrame.encode("snapshot", EventJson.write(snapshot)));
        }
    }

    void offer(SseFrame frame) {
        if (closed || (concertFilter != null && !concertFilter.equals(frame.concertId()))) {
            return;
        }
        pending.put(frame.ticketTierId(), frame);
        drain();
    }

    void offer(List<SseFrame> frames) {
        for (SseFrame frame : frames) {
            offer(frame);
        }
    }

    void heartbeat() {
        if (!closed && !response.closed() && !response.writeQueueFull()) {
            response.write(PING);
        }
    }

    void close() {
        if (!closed) {
            closed = true;
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }
    }

    void markClosed() {
        closed = true;
        pending.clear();
    }

    private void drain() {
        var it = pending.values().iterator();
        while (!closed && it.hasNext() && !response.writeQueueFull() && !response.closed()) {
            SseFrame frame = it.next();
            it.remove();
            response.write(frame.bytes());
        }
    }
}
