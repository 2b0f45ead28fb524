package com.tickets.analytics.projection;

import java.util.Optional;

/**
 * Where a waitlist entry stands, as far as its events tell ({@code WaitlistData.status}). The ranks make
 * a total order and an entry's row only ever moves to a higher rank, so its events applied in any order,
 * any number of times, end at the same status. An entry waits, may get one offer, and ends once: it
 * leaves, is closed (the concert was cancelled or its sales closed), lets its offer expire, or claims
 * it (docs/waitlist.md). It never ends two ways; the order between the four ends only makes the
 * outcome deterministic.
 */
public enum WaitlistStatus {
    WAITING(0), OFFERED(1), LEFT(2), CLOSED(3), EXPIRED(4), CLAIMED(5);

    private final int rank;

    WaitlistStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** The status of that name; empty for a name this projection does not know (a newer producer's). */
    static Optional<WaitlistStatus> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (WaitlistStatus status : values()) {
            if (status.name().equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
