package com.tickets.analytics.projection;

/**
 * Where a booking stands, as far as its booking events tell. The ranks make a total order and a
 * fact only ever moves to a higher rank, so applying the same events in any order, any number of
 * times, ends at the same status. EXPIRED and CANCELLED are both final; a booking is never both,
 * the order between them only makes the outcome deterministic.
 */
public enum FactStatus {
    PENDING(0), CONFIRMED(1), EXPIRED(2), CANCELLED(3);

    private final int rank;

    FactStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
