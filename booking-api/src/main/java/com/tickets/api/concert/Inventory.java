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

    /** Why availability changed, as recorded in the append-only {@code inventory_audit} table. */
    public enum Reason { BOOKED, CANCELLED, EXPIRED, PAYMENT_FAILED }

    /**
     * Takes {@code quantity} tickets for a booking if at least that many are left.
     *
     * @return the quantity left after taking them, or empty when not enough were left
     */
    public OptionalInt take(UUID tierId, int quantity, UUID bookingId) {
        @SuppressWarnings("unchecked")
        List<Number> left = em.createNativeQuery("""
                        update ticket_tiers set available_quantity = available_quantity - ?1
                        where id = ?2 and available_quantity >= ?1
                        returning available_quantity""")
                .setParameter(1, quantity).setParameter(2, tierId).getResultList();
        if (left.isEmpty()) {
            return OptionalInt.empty();
        }
        audit(tierId, -quantity, left.get(0).intValue(), Reason.BOOKED, bookingId, "buyer");
        return OptionalInt.of(left.get(0).intValue());
    }

    /** Gives a booking's tickets back (cancel, expiry, failed payment) and returns the quantity now available. */
    public int giveBack(UUID tierId, int quantity, UUID bookingId, Reason reason, String actor) {
        Number left = (Number) em.createNativeQuery("""
                        update ticket_tiers set available_quantity = available_quantity + ?1
                        where id = ?2 returning available_quantity""")
                .setParameter(1, quantity).setParameter(2, tierId).getSingleResult();
        audit(tierId, quantity, left.intValue(), reason, bookingId, actor);
        return left.intValue();
    }

    private void audit(UUID tierId, int delta, int availableAfter, Reason reason, UUID bookingId, String actor) {
        em.createNativeQuery("""
                        insert into inventory_audit (ticket_tier_id, delta, available_after, reason, booking_id, actor)
                        values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, tierId).setParameter(2, delta).setParameter(3, availableAfter)
                .setParameter(4, reason.name()).setParameter(5, bookingId).setParameter(6, actor).executeUpdate();
    }

    public int available(UUID tierId) {
        Number left = (Number) em.createNativeQuery("select available_quantity from ticket_tiers where id = ?1")
                .setParameter(1, tierId).getSingleResult();
        return left.intValue();
    }
}
