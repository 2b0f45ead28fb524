package com.tickets.api.availability;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.api.concert.Catalog;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.api.problem.Problem;
import com.tickets.api.problem.ProblemException;
import com.tickets.api.ratelimit.ClientAddress;
import com.tickets.events.EventJson;
import io.vertx.core.Context;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/concerts/stream[?concertId=]}: Server-Sent Events of live availability.
 *
 * <p>A plain Vert.x route rather than a JAX-RS SSE resource because each connection must see its
 * socket's write queue (to drop to the latest value per tier when the client is slow), which the
 * JAX-RS sink hides. On connect (and on reconnect with {@code Last-Event-ID}) the client gets a
 * {@code snapshot}, then {@code availability} events and a heartbeat.
 *
 * <p>Opening a stream is cheap for the server: the snapshot is read from the cached catalog
 * ({@link Catalog#allConcertsJson()}, at most a second old, parsed once per cached answer), so a crowd
 * opening streams costs about one query a second, not one each; the changes this replica saw in the
 * last {@link StreamConfig#snapshotCatchUp()} are sent right after it. An unknown {@code concertId}
 * is a 404 answered from the same cached catalog (a show created less than a second ago may still be
 * unknown for that second), and one client address holds at most
 * {@link StreamConfig#maxStreamsPerClient()} streams at once (429 beyond).
 */
@ApplicationScoped
public class AvailabilityStream {

    private static final Logger LOG = Logger.getLogger(AvailabilityStream.class);
    private static final String PATH = "/api/concerts/stream";

    public record Snapshot(List<Availability> tiers, Instant at) {
    }

    /** The catalog answer and the tiers read from it: the cache hands out the same string until it expires. */
    private record Parsed(String json, List<Availability> all, Map<UUID, List<Availability>> byConcert) {
    }

    private final AvailabilityFeed feed;
    private final Catalog catalog;
    private final StreamsPerClient streams;
    private final StreamConfig config;
    private volatile Parsed parsed;

    AvailabilityStream(AvailabilityFeed feed, Catalog catalog, StreamsPerClient streams, StreamConfig config,
                       @ConfigProperty(name = "quarkus.http.idle-timeout") Duration idleTimeout) {
        // a stream is quiet between pings: the server would close every one of them
        if (config.heartbeatInterval().compareTo(idleTimeout) >= 0) {
            throw new IllegalStateException("availability.sse.heartbeat-interval (" + config.heartbeatInterval()
                    + ") must be shorter than quarkus.http.idle-timeout (" + idleTimeout + ")");
        }
        this.feed = feed;
        this.catalog = catalog;
        this.streams = streams;
        this.config = config;
    }

    void install(@Observes Router router) {
        router.get(PATH).order(-10).handler(this::open);
    }

    private void open(RoutingContext ctx) {
        UUID concertId;
        String filter = ctx.request().getParam("concertId");
        try {
            concertId = filter == null || filter.isBlank() ? null : UUID.fromString(filter);
        } catch (IllegalArgumentException e) {
            ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end("{\"type\":\"https://tickets.example.com/problems/invalid-request\",\"title\":\"Invalid request\","
                            + "\"status\":400,\"detail\":\"concertId must be a UUID\",\"instance\":\"" + PATH + "\","
                            + "\"errors\":[{\"field\":\"concertId\",\"message\":\"must be a UUID\"}]}");
            return;
        }
        StreamsPerClient.Place place = streams.tryOpen(ClientAddress.of(ctx.request()));
        if (place == null) {
            reply(ctx, new TooManyStreamsProblem(config.maxStreamsPerClient(), Math.max(1, config.retryAfter().toSeconds())));
            return;
        }
        var response = ctx.response();
        // the place is given back when the stream (or an error answer) ends, or the client goes away
        response.closeHandler(v -> place.release());
        response.endHandler(v -> place.release());
        Context context = ctx.vertx().getOrCreateContext();
        // the whole catalog, also for one concert: cached for every opener alike, it answers "is there such a
        // concert?" without a query, so made-up ids cost nothing (per-concert lookups of unknown ids are never cached)
        catalog.allConcertsJson().subscribe().with(
                json -> context.runOnContext(v -> start(ctx, concertId, json, place, context)),
                failure -> context.runOnContext(v -> refuse(ctx, failure)));
    }

    private void start(RoutingContext ctx, UUID concertId, String catalogJson, StreamsPerClient.Place place,
                       Context context) {
        var response = ctx.response();
        if (response.closed() || response.ended()) {
            return;
        }
        Snapshot snapshot;
        try {
            Parsed catalogTiers = parse(catalogJson);
            List<Availability> tiers = concertId == null ? catalogTiers.all() : catalogTiers.byConcert().get(concertId);
            if (tiers == null) {
                refuse(ctx, new NotFoundProblem("concert", concertId));
                return;
            }
            snapshot = snapshot(tiers);
        } catch (RuntimeException e) {
            refuse(ctx, e);
            return;
        }
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        SseSubscriber subscriber = new SseSubscriber(response, concertId, context);
        // these replace the handlers set in open(), so they give the place back too
        response.closeHandler(v -> {
            subscriber.markClosed();
            feed.unsubscribe(subscriber);
            place.release();
        });
        response.endHandler(v -> {
            feed.unsubscribe(subscriber);
            place.release();
        });
        // subscribe first, then snapshot: a change racing the connect arrives after the snapshot
        feed.subscribe(subscriber);
        subscriber.snapshot(snapshot);
        Instant since = snapshot.at().minus(config.snapshotCatchUp());
        for (Availability tier : snapshot.tiers()) {
            Availability seen = feed.latest(tier.ticketTierId());
            if (seen != null && seen.at() != null && seen.at().isAfter(since)
                    && seen.availableQuantity() != tier.availableQuantity()) {
                subscriber.offer(SseFrame.availability(seen));
            }
        }
    }

    private void refuse(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ProblemException problem) {
            reply(ctx, problem);
        } else {
            LOG.warnf("could not read the availability snapshot: %s", failure.toString());
            ctx.fail(503, failure);
        }
    }

    private static void reply(RoutingContext ctx, ProblemException problem) {
        var response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        problem.headers().forEach(response::putHeader);
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(EventJson.write(problem.toProblem(PATH)));
    }

    static Snapshot snapshot(List<Availability> tiers) {
        Instant now = Instant.now();
        return new Snapshot(tiers.stream().map(t -> new Availability(t.concertId(), t.ticketTierId(),
                t.availableQuantity(), now)).toList(), now);
    }

    /** The tiers of the catalog answer ({@code {"concerts":[...]}}), read once per answer. */
    private Parsed parse(String json) {
        Parsed known = parsed;
        if (known != null && known.json() == json) {
            return known;
        }
        List<Availability> all = new ArrayList<>();
        Map<UUID, List<Availability>> byConcert = new HashMap<>();
        for (JsonNode concert : readTree(json).path("concerts")) {
            List<Availability> tiers = new ArrayList<>();
            addTiers(concert, tiers);
            byConcert.put(UUID.fromString(concert.path("id").asText()), List.copyOf(tiers));
            all.addAll(tiers);
        }
        Parsed fresh = new Parsed(json, List.copyOf(all), Map.copyOf(byConcert));
        parsed = fresh;
        return fresh;
    }

    private static void addTiers(JsonNode concert, List<Availability> into) {
        UUID concertId = UUID.fromString(concert.path("id").asText());
        for (JsonNode tier : concert.path("ticketTiers")) {
            into.add(new Availability(concertId, UUID.fromString(tier.path("id").asText()),
                    tier.path("availableQuantity").asInt(), null));
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable catalog answer", e);
        }
    }
}
