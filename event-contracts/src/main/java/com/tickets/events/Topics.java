package com.tickets.events;

/** Default topic names (configuration may override them; see docs/events.md). */
public final class Topics {
    public static final String BOOKING_EVENTS = "booking.events";
    public static final String PAYMENT_EVENTS = "payment.events";
    public static final String INVENTORY_EVENTS = "inventory.events";
    /** The public catalogue: concerts published, changed, cancelled; tiers added or changed. */
    public static final String CATALOG_EVENTS = "catalog.events";
    /** Sign-in link requests, for the notification-worker only (not a topic for downstream teams). */
    public static final String ACCESS_EVENTS = "access.events";
    /** The waitlists of sold-out tiers: entries joined and left, offers made, claimed, expiring and expired. */
    public static final String WAITLIST_EVENTS = "waitlist.events";

    private Topics() {
    }
}
