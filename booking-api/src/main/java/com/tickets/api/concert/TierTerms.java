package com.tickets.api.concert;

import io.quarkus.cache.CacheResult;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A tier's price, currency and show time, cached for a second ({@code tier-terms}): what a booking
 * request is checked against before the buyer's rate limit is charged, so that requests that can
 * only fail (an unknown tier, a wrong price, a show that has started) cannot empty a buyer's bucket
 * in their name. Never the decision itself: the booking transaction checks again under the tier's
 * row lock.
 */
@ApplicationScoped
public class TierTerms {

    public record Terms(BigDecimal price, String currency, Instant salesCloseAt) {
    }

    private final EntityManager em;

    TierTerms(EntityManager em) {
        this.em = em;
    }

    /** The tier's terms; from the cache without any thread waiting, from the database on a worker thread. */
    @CacheResult(cacheName = "tier-terms")
    public Uni<Optional<Terms>> of(UUID tierId) {
        return Uni.createFrom().item(() -> QuarkusTransaction.requiringNew().call(() -> em.createQuery("""
                                select new com.tickets.api.concert.TierTerms$Terms(t.price, t.currency, c.date)
                                from TicketTier t join t.concert c where t.id = :id""", Terms.class)
                        .setParameter("id", tierId).getResultStream().findFirst()
                        .map(t -> new Terms(t.price(), t.currency().trim(), t.salesCloseAt()))))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
