package com.tickets.api.waitlist;

/**
 * Where a waitlist entry is in its life: WAITING in line, OFFERED (tickets held for it alone until the offer
 * ends), then CLAIMED (booked), EXPIRED (the offer ended unclaimed), LEFT (the buyer left the list) or CLOSED
 * (the concert was cancelled). Only WAITING and OFFERED are active: one of them per e-mail and tier.
 */
public enum WaitlistStatus {
    WAITING, OFFERED, CLAIMED, EXPIRED, LEFT, CLOSED;

    boolean active() {
        return this == WAITING || this == OFFERED;
    }
}
