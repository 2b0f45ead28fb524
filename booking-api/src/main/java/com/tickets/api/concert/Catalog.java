package com.tickets.api.concert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tickets.api.problem.NotFoundProblem;
import io.quarkus.cache.CacheResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * The catalog as the browse pages read it, as ready-to-send JSON, cached for at most one second
 * ({@code quarkus.cache.caffeine.catalog.expire-after-write}). A crowd refreshing the shows then
 * costs one query per second instead of one per request, and what it sees of availability is at
 * most a second old (the SSE stream pushes changes sooner). Bookings never read this: they decide
 * under the tier's row lock.
 *
 * <p>Answers are {@link Uni}s so that a cache hit is answered on the HTTP event loop, with no
 * hand-over to a worker thread and back (measured: about a quarter more catalog requests per
 * second, docs/benchmarks.md "Bench 4"). Only a miss (about once a second per page) reads the
 * database, on a worker thread.
 */
@ApplicationScoped
public class Catalog {

    private final ObjectMapper json;

    Catalog(ObjectMapper json) {
        this.json = json;
    }

    @CacheResult(cacheName = "catalog")
    public Uni<String> allConcertsJson() {
        return fromDatabase(() -> write(new ConcertView.ListResponse(Concert.listWithTiers().stream().map(ConcertView::of).toList())));
    }

    /** An unknown concert is a 404 problem, never cached: a show created a moment later is found at once. */
    @CacheResult(cacheName = "catalog")
    public Uni<String> concertJson(UUID id) {
        return fromDatabase(() -> Concert.findWithTiers(id).map(c -> write(new ConcertView.OneResponse(ConcertView.of(c))))
                .orElseThrow(() -> new NotFoundProblem("concert", id)));
    }

    private static Uni<String> fromDatabase(Supplier<String> query) {
        return Uni.createFrom().item(() -> QuarkusTransaction.requiringNew().call(query::get))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
