create table concerts (
    id          uuid primary key,
    name        varchar(200) not null,
    description text,
    location    varchar(200) not null,
    date        timestamptz  not null,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now()
);

create table ticket_tiers (
    id                 uuid primary key,
    concert_id         uuid          not null references concerts (id),
    name               varchar(100)  not null,
    price              numeric(12, 2) not null check (price >= 0),
    currency           char(3)       not null,
    total_quantity     integer       not null check (total_quantity >= 0),
    -- the last line of defence against overselling: even a buggy writer cannot go below zero
    available_quantity integer       not null,
    created_at         timestamptz   not null default now(),
    constraint available_within_total check (available_quantity between 0 and total_quantity),
    constraint tier_name_unique_per_concert unique (concert_id, name)
);
create index ticket_tiers_concert on ticket_tiers (concert_id);

create table bookings (
    id                  uuid primary key,
    ticket_tier_id      uuid           not null references ticket_tiers (id),
    concert_id          uuid           not null references concerts (id),
    user_email          varchar(254)   not null,
    quantity            integer        not null check (quantity between 1 and 10),
    total_price         numeric(12, 2) not null check (total_price >= 0),
    currency            char(3)        not null,
    status              varchar(16)    not null check (status in ('PENDING', 'CONFIRMED', 'CANCELLED', 'EXPIRED')),
    -- the truth of idempotency: one booking per key, whatever Redis remembers
    idempotency_key     varchar(255)   not null constraint bookings_idempotency_key_unique unique,
    -- SHA-256 of the canonical request, to tell a replay from a different payload under the same key
    request_fingerprint char(64)       not null,
    hold_expires_at     timestamptz    not null,
    created_at          timestamptz    not null,
    updated_at          timestamptz    not null
);
create index bookings_by_email on bookings (user_email, created_at desc);
create index bookings_pending_by_expiry on bookings (hold_expires_at) where status = 'PENDING';
create index bookings_by_tier on bookings (ticket_tier_id);

-- Debezium outbox event router shape (id, aggregatetype, aggregateid, type, payload), so CDC can
-- replace our relay without touching the writers. payload is the full event envelope.
create table outbox (
    id              uuid primary key,
    aggregatetype   varchar(255) not null,
    aggregateid     varchar(255) not null,
    type            varchar(255) not null,
    payload         jsonb        not null,
    created_at      timestamptz  not null default now(),
    -- insertion order; per aggregate it is commit order, because writers of one aggregate hold its row lock
    seq             bigserial    not null,
    idempotency_key varchar(255),
    traceparent     varchar(55),
    published_at    timestamptz
);
create index outbox_unpublished on outbox (seq) where published_at is null;
