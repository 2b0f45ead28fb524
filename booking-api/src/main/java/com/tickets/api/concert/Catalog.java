package com.tickets.api.concert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tickets.api.problem.NotFoundProblem;
import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * The catalog as the browse pages read it, as ready-to-send JSON, cached for at most one second
 * ({@code quarkus.cache.caffeine.catalog.expire-after-write}). A crowd refreshing the shows then
 * costs one query per second instead of one per request, and what it sees of availability is at
 * most a second old (the SSE stream pushes changes sooner). Bookings never read this: they decide
 * under the tier's row lock.
 */
@ApplicationScoped
public class Catalog {

    private final ObjectMapper json;

    Catalog(ObjectMapper json) {
        this.json = json;
    }

    @CacheResult(cacheName = "catalog")
    @Transactional
    public String allConcertsJson() {
        return write(new ConcertView.ListResponse(Concert.listWithTiers().stream().map(ConcertView::of).toList()));
    }

    /** An unknown concert is a 404 problem, never cached: a show created a moment later is found at once. */
    @CacheResult(cacheName = "catalog")
    @Transactional
    public String concertJson(UUID id) {
        return Concert.findWithTiers(id).map(c -> write(new ConcertView.OneResponse(ConcertView.of(c))))
                .orElseThrow(() -> new NotFoundProblem("concert", id));
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
