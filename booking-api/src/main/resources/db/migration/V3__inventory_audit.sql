-- Every change of a tier's availability, append-only: who/what/why. A tier's availability can be
-- recomputed from it: total_quantity + sum(delta) = available_quantity (InventoryAuditTest).
create table inventory_audit (
    id              bigserial    primary key,
    ticket_tier_id  uuid         not null references ticket_tiers (id),
    delta           integer      not null,
    available_after integer      not null,
    reason          varchar(32)  not null check (reason in ('BOOKED', 'CANCELLED', 'EXPIRED', 'PAYMENT_FAILED')),
    booking_id      uuid         not null,
    actor           varchar(64)  not null,
    created_at      timestamptz  not null default now()
);
create index inventory_audit_tier on inventory_audit (ticket_tier_id);

create function inventory_audit_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'inventory_audit is append-only';
end $$;
create trigger inventory_audit_append_only before update or delete on inventory_audit
    for each row execute function inventory_audit_is_append_only();
