-- The organizers' waitlists (waitlist.events): one row per entry, joined from its events like a
-- booking's fact row, so the row after any set of an entry's events is the same whatever their order
-- and however often each was applied:
--   ids, organizer, quantity: the first known value (every event of one entry carries the same);
--   concert and tier names: those of the latest event (names_at, its occurredAt; the greater name
--           between two events of one instant): a show or tier may be renamed while the entry waits;
--   status: the highest rank (WAITING 0 < OFFERED 1 < LEFT 2 < CLOSED 3 < EXPIRED 4 < CLAIMED 5; an entry
--           ends in one of the last four only, the order between them only breaks a tie deterministically);
--   offered / claimed / expired: once true, true (bool_or); booking_id: the first known.
-- The dashboard counts these rows per tier (DashboardQuery); no count is stored.
create table waitlist_entries (
    entry_id       uuid         primary key,
    concert_id     uuid         not null,
    concert_name   varchar(200) not null,
    ticket_tier_id uuid         not null,
    tier_name      varchar(100) not null,
    -- who runs the concert (WaitlistData.organizer); null is nobody's: shown to no organizer
    organizer      varchar(200),
    quantity       integer      not null,
    names_at       timestamptz  not null,
    status         varchar(16)  not null,
    status_rank    smallint     not null,
    offered        boolean      not null,
    claimed        boolean      not null,
    expired        boolean      not null,
    booking_id     uuid,
    updated_at     timestamptz  not null default now()
);
-- every dashboard query is one organizer's, per tier
create index waitlist_entries_organizer_tier on waitlist_entries (organizer, ticket_tier_id);
