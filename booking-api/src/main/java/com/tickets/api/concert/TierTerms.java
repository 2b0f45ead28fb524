package com.tickets.api.concert;

import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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

    @CacheResult(cacheName = "tier-terms")
    @Transactional
    public Optional<Terms> of(UUID tierId) {
        return em.createQuery("""
                        select new com.tickets.api.concert.TierTerms$Terms(t.price, t.currency, c.date)
                        from TicketTier t join t.concert c where t.id = :id""", Terms.class)
                .setParameter("id", tierId).getResultStream().findFirst()
                .map(t -> new Terms(t.price(), t.currency().trim(), t.salesCloseAt()));
    }
}
