package com.tickets.api.concert;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CacheResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * A tier's price, currency, concert status and sales window, cached for a second ({@code tier-terms}):
 * what a booking request is checked against before the buyer's rate limit is charged, so that requests
 * that can only fail (an unknown or unpublished tier, a wrong price, sales not open yet or closed) cannot
 * empty a buyer's bucket in their name. Never the decision itself: the booking transaction checks again
 * under the tier's row lock. An organizer's change drops the changed tiers' terms at once on the replica
 * that made it ({@link #forget}); other replicas see it within the second.
 */
@ApplicationScoped
public class TierTerms {

    /**
     * @param salesOpenAt  null: open since the concert was published
     * @param salesCloseAt when sales close: the concert's own close, or its start
     */
    public record Terms(BigDecimal price, String currency, UUID concertId, ConcertStatus status, Instant salesOpenAt,
                        Instant salesCloseAt) {
    }

    private final EntityManager em;
    private final Cache cache;

    TierTerms(EntityManager em, @CacheName("tier-terms") Cache cache) {
        this.em = em;
        this.cache = cache;
    }

    /** The tier's terms; from the cache without any thread waiting, from the database on a worker thread. */
    @CacheResult(cacheName = "tier-terms")
    public Uni<Optional<Terms>> of(UUID tierId) {
        return Uni.createFrom().item(() -> QuarkusTransaction.requiringNew().call(() -> em.createQuery("""
                                select new com.tickets.api.concert.TierTerms$Terms(t.price, t.currency, c.id, c.status,
                                       c.salesOpenAt, coalesce(c.salesCloseAt, c.date))
                                from TicketTier t join t.concert c where t.id = :id""", Terms.class)
                        .setParameter("id", tierId).getResultStream().findFirst()
                        .map(t -> new Terms(t.price(), t.currency().trim(), t.concertId(), t.status(), t.salesOpenAt(),
                                t.salesCloseAt()))))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The tiers' terms changed (price, sales window, the concert's status): the next booking reads them afresh. */
    public void forget(Collection<UUID> tierIds) {
        for (UUID tier : tierIds) {
            cache.invalidate(tier).await().indefinitely();
        }
    }
}
