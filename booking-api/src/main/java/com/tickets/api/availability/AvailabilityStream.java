package com.tickets.api.availability;

import io.agroal.api.AgroalDataSource;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/concerts/stream[?concertId=]}: Server-Sent Events of live availability.
 *
 * <p>A plain Vert.x route rather than a JAX-RS SSE resource because each connection must see its
 * socket's write queue (to drop to the latest value per tier when the client is slow), which the
 * JAX-RS sink hides. On connect (and on reconnect with {@code Last-Event-ID}) the client gets a
 * fresh {@code snapshot} from the database, then {@code availability} events and a heartbeat.
 */
@ApplicationScoped
public class AvailabilityStream {

    public record Snapshot(List<Availability> tiers, Instant at) {
    }

    private final AvailabilityFeed feed;
    private final AgroalDataSource db;

    AvailabilityStream(AvailabilityFeed feed, AgroalDataSource db) {
        this.feed = feed;
        this.db = db;
    }

    void install(@Observes Router router) {
        router.get("/api/concerts/stream").order(-10).handler(this::open);
    }

    private void open(RoutingContext ctx) {
        UUID concertId;
        String filter = ctx.request().getParam("concertId");
        try {
            concertId = filter == null || filter.isBlank() ? null : UUID.fromString(filter);
        } catch (IllegalArgumentException e) {
            ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .end("{\"type\":\"https://tickets.example.com/problems/invalid-request\",\"title\":\"Invalid request\","
                            + "\"status\":400,\"detail\":\"concertId must be a UUID\",\"instance\":\"/api/concerts/stream\","
                            + "\"errors\":[{\"field\":\"concertId\",\"message\":\"must be a UUID\"}]}");
            return;
        }
        UUID finalConcertId = concertId;
        ctx.vertx().<Snapshot>executeBlocking(() -> snapshot(finalConcertId)).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(503, result.cause());
                return;
            }
            var response = ctx.response();
            response.setChunked(true)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .putHeader("X-Accel-Buffering", "no");
            SseSubscriber subscriber = new SseSubscriber(response, finalConcertId);
            response.closeHandler(v -> {
                subscriber.markClosed();
                feed.unsubscribe(subscriber);
            });
            // subscribe first, then snapshot: a change racing the connect arrives after the snapshot
            feed.subscribe(subscriber);
            subscriber.snapshot(result.result());
        });
    }

    Snapshot snapshot(UUID concertId) throws Exception {
        List<Availability> tiers = new ArrayList<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select concert_id, id, available_quantity from ticket_tiers "
                     + (concertId == null ? "" : "where concert_id = ? ") + "order by concert_id, price desc")) {
            if (concertId != null) {
                s.setObject(1, concertId);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tiers.add(new Availability(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), null));
                }
            }
        }
        Instant now = Instant.now();
        return new Snapshot(tiers.stream().map(t -> new Availability(t.concertId(), t.ticketTierId(),
                t.availableQuantity(), now)).toList(), now);
    }
}
