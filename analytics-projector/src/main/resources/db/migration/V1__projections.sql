-- One row per booking, its status only moving forward (PENDING < CONFIRMED < CANCELLED/EXPIRED):
-- applying an event twice, or events out of order, always ends in the same row. The dashboard is
-- SQL over the CONFIRMED rows, bucketed by confirmation time (UTC).
create table booking_facts (
    booking_id     uuid           primary key,
    concert_id     uuid           not null,
    concert_name   varchar(200)   not null,
    ticket_tier_id uuid           not null,
    tier_name      varchar(100)   not null,
    quantity       integer        not null,
    total_price    numeric(12, 2) not null,
    currency       char(3)        not null,
    status         varchar(16)    not null,
    status_rank    smallint       not null,
    confirmed_at   timestamptz,
    refunded_at    timestamptz,
    updated_at     timestamptz    not null default now()
);
create index booking_facts_confirmed on booking_facts (confirmed_at) where status = 'CONFIRMED';
create index booking_facts_concert on booking_facts (concert_id);

create table applied_events (
    event_id   uuid primary key,
    type       varchar(64) not null,
    applied_at timestamptz not null default now()
);
