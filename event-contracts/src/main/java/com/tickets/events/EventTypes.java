package com.tickets.events;

/** The {@code type} of every event on our topics; part of the public contract. */
public final class EventTypes {
    public static final String BOOKING_CREATED = "BookingCreated";
    public static final String BOOKING_CONFIRMED = "BookingConfirmed";
    public static final String BOOKING_CANCELLED = "BookingCancelled";
    public static final String BOOKING_EXPIRED = "BookingExpired";
    public static final String REFUND_REQUESTED = "RefundRequested";
    public static final String PAYMENT_SUCCEEDED = "PaymentSucceeded";
    public static final String PAYMENT_FAILED = "PaymentFailed";
    /**
     * The charge's first attempt got no answer from the gateway (a timeout, the gateway down, its circuit
     * open): it is retried, and its final outcome follows by {@code PaymentData.answerBy}.
     */
    public static final String PAYMENT_DELAYED = "PaymentDelayed";
    public static final String REFUND_SUCCEEDED = "RefundSucceeded";
    public static final String AVAILABILITY_CHANGED = "AvailabilityChanged";
    public static final String SIGN_IN_LINK_REQUESTED = "SignInLinkRequested";
    public static final String CONCERT_PUBLISHED = "ConcertPublished";
    public static final String CONCERT_CHANGED = "ConcertChanged";
    public static final String CONCERT_CANCELLED = "ConcertCancelled";
    public static final String TIER_ADDED = "TierAdded";
    public static final String TIER_CHANGED = "TierChanged";
    public static final String WAITLIST_JOINED = "WaitlistJoined";
    public static final String WAITLIST_LEFT = "WaitlistLeft";
    public static final String WAITLIST_OFFER_MADE = "WaitlistOfferMade";
    /** The offer's window closes soon and it is still unclaimed: the reminder mail. */
    public static final String WAITLIST_OFFER_EXPIRING = "WaitlistOfferExpiring";
    public static final String WAITLIST_OFFER_CLAIMED = "WaitlistOfferClaimed";
    public static final String WAITLIST_OFFER_EXPIRED = "WaitlistOfferExpired";

    /** Aggregate types, as written to the outbox {@code aggregatetype} column. */
    public static final String AGGREGATE_BOOKING = "Booking";
    public static final String AGGREGATE_TICKET_TIER = "TicketTier";
    public static final String AGGREGATE_ACCESS_LINK = "AccessLink";
    /** Catalogue events: a concert and its tiers, keyed by concert id so one concert's events stay in order. */
    public static final String AGGREGATE_CONCERT = "Concert";
    /** Waitlist events, keyed by entry id so one entry's events stay in order. */
    public static final String AGGREGATE_WAITLIST_ENTRY = "WaitlistEntry";

    private EventTypes() {
    }
}
