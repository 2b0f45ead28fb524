-- Refunds this worker owes: one row per RefundRequested, written before the first attempt and
-- deleted once the gateway has refunded and RefundSucceeded is published. A refund is money owed
-- to a buyer, so it has no give-up path: the reconciler retries it, with growing delays, until it
-- is paid. next_attempt_at is also the lease of whoever is paying it right now (no other replica
-- picks it up before then).
create table owed_refunds (
    event_id        uuid         primary key,   -- the RefundRequested event
    booking_id      uuid         not null,
    event           text         not null,      -- that event as received, to pay and answer from
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null,
    last_error      varchar(500),
    created_at      timestamptz  not null default now()
);
create index owed_refunds_due on owed_refunds (next_attempt_at);
