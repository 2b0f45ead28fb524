package com.tickets.api.concert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The only writer of {@code ticket_tiers.available_quantity}. Each change is one conditional
 * UPDATE, so the check and the write are one atomic step under the row lock: no read-then-write
 * race, and the table's CHECK constraint backs it up.
 */
@ApplicationScoped
public class Inventory {

    private final EntityManager em;

    Inventory(EntityManager em) {
        this.em = em;
    }

    /**
     * Takes {@code quantity} tickets if at least that many are left.
     *
     * @return the quantity left after taking them, or empty when not enough were left
     */
    public OptionalInt take(UUID tierId, int quantity) {
        @SuppressWarnings("unchecked")
        List<Number> left = em.createNativeQuery("""
                        update ticket_tiers set available_quantity = available_quantity - ?1
                        where id = ?2 and available_quantity >= ?1
                        returning available_quantity""")
                .setParameter(1, quantity).setParameter(2, tierId).getResultList();
        return left.isEmpty() ? OptionalInt.empty() : OptionalInt.of(left.get(0).intValue());
    }

    /** Gives tickets back (cancel, expiry, failed payment) and returns the quantity now available. */
    public int giveBack(UUID tierId, int quantity) {
        Number left = (Number) em.createNativeQuery("""
                        update ticket_tiers set available_quantity = available_quantity + ?1
                        where id = ?2 returning available_quantity""")
                .setParameter(1, quantity).setParameter(2, tierId).getSingleResult();
        return left.intValue();
    }

    public int available(UUID tierId) {
        Number left = (Number) em.createNativeQuery("select available_quantity from ticket_tiers where id = ?1")
                .setParameter(1, tierId).getSingleResult();
        return left.intValue();
    }
}
