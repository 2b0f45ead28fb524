-- The simulated gateway's own ledger: what a real provider would hold on its side. One row per
-- idempotency key, so the same key can never be charged (or refunded) twice.
create table gateway_ledger (
    idempotency_key varchar(300)   primary key,
    booking_id      uuid           not null,
    kind            varchar(6)     not null check (kind in ('CHARGE', 'REFUND')),
    amount          numeric(12, 2) not null,
    currency        char(3)        not null,
    approved        boolean        not null,
    payment_id      varchar(64)    not null,
    reason          varchar(255),
    created_at      timestamptz    not null default now()
);
create index gateway_ledger_booking on gateway_ledger (booking_id);

-- Events this worker has applied: a replayed BookingCreated / RefundRequested does nothing.
create table applied_events (
    event_id   uuid primary key,
    type       varchar(64)  not null,
    outcome    varchar(32)  not null,
    applied_at timestamptz  not null default now()
);
