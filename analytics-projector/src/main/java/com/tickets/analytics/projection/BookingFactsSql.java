package com.tickets.analytics.projection;

/** The statements of {@link BookingFacts}. */
final class BookingFactsSql {

    private BookingFactsSql() {
    }

    /**
     * Joins a batch's changes, one per booking, into their rows in one statement. The arrays are
     * parallel, one element per booking, as text (cast here), so that a null is a null whatever the
     * type. Rows are taken in booking id order, so two batches touching the same bookings lock them in
     * the same order and at worst wait for each other. The merge rules are those of
     * {@link FactChange#merge}: PostgreSQL's least() ignores nulls, so a missing timestamp never erases
     * a known one.
     */
    static final String UPSERT_CHANGES = """
            insert into booking_facts (booking_id, concert_id, concert_name, ticket_tier_id, tier_name, quantity,
                                       total_price, currency, status, status_rank, confirmed_at,
                                       refund_requested_at, refunded_at, organizer)
            select c.booking_id::uuid, c.concert_id::uuid, c.concert_name, c.ticket_tier_id::uuid, c.tier_name,
                   c.quantity::integer, c.total_price::numeric, c.currency, c.status, c.status_rank::smallint,
                   c.confirmed_at::timestamptz, c.refund_requested_at::timestamptz, c.refunded_at::timestamptz, c.organizer
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as c(booking_id, concert_id, concert_name, ticket_tier_id, tier_name, quantity, total_price,
                      currency, status, status_rank, confirmed_at, refund_requested_at, refunded_at, organizer)
            order by c.booking_id::uuid
            on conflict (booking_id) do update set
                concert_id          = coalesce(booking_facts.concert_id, excluded.concert_id),
                concert_name        = coalesce(booking_facts.concert_name, excluded.concert_name),
                ticket_tier_id      = coalesce(booking_facts.ticket_tier_id, excluded.ticket_tier_id),
                tier_name           = coalesce(booking_facts.tier_name, excluded.tier_name),
                quantity            = coalesce(booking_facts.quantity, excluded.quantity),
                total_price         = coalesce(booking_facts.total_price, excluded.total_price),
                currency            = coalesce(booking_facts.currency, excluded.currency),
                status              = case when excluded.status_rank > booking_facts.status_rank
                                           then excluded.status else booking_facts.status end,
                status_rank         = greatest(booking_facts.status_rank, excluded.status_rank),
                confirmed_at        = least(booking_facts.confirmed_at, excluded.confirmed_at),
                refund_requested_at = least(booking_facts.refund_requested_at, excluded.refund_requested_at),
                refunded_at         = least(booking_facts.refunded_at, excluded.refunded_at),
                organizer           = coalesce(booking_facts.organizer, excluded.organizer),
                updated_at          = now()
            """;

    /** Forgets the projection and which events it applied, for a rebuild from the start of the topics. */
    static final String CLEAR = "truncate booking_facts, waitlist_entries, applied_events";
}
