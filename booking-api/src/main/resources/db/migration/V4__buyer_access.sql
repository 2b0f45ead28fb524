-- Sign-in links: one row per link mailed; the token is derived from the id (BuyerTokens), so no
-- secret is stored. A link is consumed once (used_at), and only before it expires.
create table access_links (
    id          uuid        primary key,
    email       text        not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index access_links_expiry on access_links (expires_at);

-- Buyer sessions opened with a sign-in link. Only a SHA-256 of the token is kept: a copy of the
-- table (a backup, a replica) opens no session.
create table buyer_sessions (
    id          uuid        primary key,
    email       text        not null,
    token_hash  bytea       not null unique,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    revoked_at  timestamptz
);
create index buyer_sessions_email on buyer_sessions (email);
create index buyer_sessions_expiry on buyer_sessions (expires_at);

-- Ticket codes of confirmed bookings (TicketCodes, keyed), for the check at the door. Whether a
-- code admits is the booking's state, read at the door: codes of a cancelled or refunded booking
-- are refused without being deleted.
create table ticket_codes (
    code           varchar(32) primary key,
    booking_id     uuid        not null references bookings (id),
    ticket_number  integer     not null,
    unique (booking_id, ticket_number)
);

-- When the gateway confirmed a refund (RefundSucceeded).
alter table bookings add column refunded_at timestamptz;
