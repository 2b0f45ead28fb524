package com.tickets.analytics.projection;

/** The statements that keep {@code waitlist_entries}, one row per waitlist entry. */
final class WaitlistEntriesSql {

    private WaitlistEntriesSql() {
    }

    /**
     * Joins a batch's changes, one per entry ({@link WaitlistChange#foldByEntry}), into their rows in one
     * statement, by the rules of {@link WaitlistChange#merge}: parallel text arrays, one element per entry,
     * cast here; rows taken in entry id order, so two batches touching the same entries at worst wait for
     * each other. Names compare in code point order ({@code collate "C"}), as the fold does.
     */
    static final String UPSERT_CHANGES = """
            insert into waitlist_entries (entry_id, concert_id, ticket_tier_id, organizer, quantity, names_at,
                                          concert_name, tier_name, status, status_rank, offered, claimed, expired,
                                          booking_id)
            select c.entry_id::uuid, c.concert_id::uuid, c.ticket_tier_id::uuid, c.organizer, c.quantity::integer,
                   c.names_at::timestamptz, c.concert_name, c.tier_name, c.status, c.status_rank::smallint,
                   c.offered::boolean, c.claimed::boolean, c.expired::boolean, c.booking_id::uuid
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as c(entry_id, concert_id, ticket_tier_id, organizer, quantity, names_at, concert_name, tier_name,
                      status, status_rank, offered, claimed, expired, booking_id)
            order by c.entry_id::uuid
            on conflict (entry_id) do update set
                concert_id     = coalesce(waitlist_entries.concert_id, excluded.concert_id),
                ticket_tier_id = coalesce(waitlist_entries.ticket_tier_id, excluded.ticket_tier_id),
                organizer      = coalesce(waitlist_entries.organizer, excluded.organizer),
                quantity       = coalesce(waitlist_entries.quantity, excluded.quantity),
                concert_name   = case when excluded.names_at > waitlist_entries.names_at then excluded.concert_name
                                      when excluded.names_at < waitlist_entries.names_at then waitlist_entries.concert_name
                                      else greatest(waitlist_entries.concert_name collate "C",
                                                    excluded.concert_name collate "C") end,
                tier_name      = case when excluded.names_at > waitlist_entries.names_at then excluded.tier_name
                                      when excluded.names_at < waitlist_entries.names_at then waitlist_entries.tier_name
                                      else greatest(waitlist_entries.tier_name collate "C",
                                                    excluded.tier_name collate "C") end,
                names_at       = greatest(waitlist_entries.names_at, excluded.names_at),
                status         = case when excluded.status_rank > waitlist_entries.status_rank
                                      then excluded.status else waitlist_entries.status end,
                status_rank    = greatest(waitlist_entries.status_rank, excluded.status_rank),
                offered        = waitlist_entries.offered or excluded.offered,
                claimed        = waitlist_entries.claimed or excluded.claimed,
                expired        = waitlist_entries.expired or excluded.expired,
                booking_id     = coalesce(waitlist_entries.booking_id, excluded.booking_id),
                updated_at     = now()
            """;
}
