-- Concerts belong to the organizer who created them (the principal name) and go through
-- DRAFT -> PUBLISHED -> CANCELLED; only PUBLISHED concerts are in the public catalogue and can be booked.
-- Every existing concert was public and sold by the demo organizer: it stays so.
alter table concerts add column organizer varchar(200);
alter table concerts add column status varchar(16);
alter table concerts add column time_zone varchar(64);
-- null: sales open when the concert is published / close when it starts
alter table concerts add column sales_open_at timestamptz;
alter table concerts add column sales_close_at timestamptz;
update concerts set organizer = 'organizer', status = 'PUBLISHED', time_zone = 'UTC';
-- The defaults exist only for rows inserted with plain SQL (the demo data, the system and load tests and the
-- test fixtures still do that): such a concert is the demo organizer's, published, in UTC, with no sales
-- window. The organizer API always writes all three columns itself (a new concert is a DRAFT).
alter table concerts alter column organizer set default 'organizer', alter column organizer set not null;
alter table concerts alter column status set default 'PUBLISHED', alter column status set not null;
alter table concerts alter column time_zone set default 'UTC', alter column time_zone set not null;
alter table concerts add constraint concert_status check (status in ('DRAFT', 'PUBLISHED', 'CANCELLED'));
alter table concerts add constraint sales_window_in_order check (sales_open_at is null or sales_close_at is null
    or sales_open_at < sales_close_at);
alter table concerts add constraint sales_close_by_start check (sales_close_at is null or sales_close_at <= date);
create index concerts_by_organizer on concerts (organizer, date);
create index concerts_published_by_date on concerts (date) where status = 'PUBLISHED';

-- The truth of a concert creation's idempotency: one concert per organizer and key, and the first answer,
-- repeated byte for byte to a replay (the key is the organizer's own: two organizers never collide).
create table organizer_requests (
    organizer           varchar(200) not null,
    idempotency_key     varchar(255) not null,
    request_fingerprint char(64)     not null,
    concert_id          uuid         not null references concerts (id),
    response            text         not null,
    created_at          timestamptz  not null default now(),
    primary key (organizer, idempotency_key)
);

-- Every change an organizer makes, append-only: who, what, the entity before and after (JSON), when.
create table organizer_audit (
    id          bigserial    primary key,
    organizer   varchar(200) not null,
    action      varchar(32)  not null,
    entity_type varchar(16)  not null check (entity_type in ('CONCERT', 'TICKET_TIER')),
    entity_id   uuid         not null,
    before      jsonb,
    after       jsonb,
    at          timestamptz  not null default now()
);
create index organizer_audit_entity on organizer_audit (entity_id);

create function organizer_audit_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'organizer_audit is append-only';
end $$;
create trigger organizer_audit_append_only before update or delete on organizer_audit
    for each row execute function organizer_audit_is_append_only();
create trigger organizer_audit_no_truncate before truncate on organizer_audit
    for each statement execute function organizer_audit_is_append_only();

-- An organizer changing a tier's capacity moves its total and its availability by the same delta:
-- recorded as CAPACITY_CHANGED, with no booking. A tier's availability still recomputes as
-- total_quantity + sum(delta) over the booking reasons (BOOKED, CANCELLED, EXPIRED, PAYMENT_FAILED), and its
-- total as the first total + sum(delta) over CAPACITY_CHANGED.
alter table inventory_audit alter column booking_id drop not null;
alter table inventory_audit drop constraint inventory_audit_reason_check;
alter table inventory_audit add constraint inventory_audit_reason_check
    check (reason in ('BOOKED', 'CANCELLED', 'EXPIRED', 'PAYMENT_FAILED', 'CAPACITY_CHANGED'));
alter table inventory_audit add constraint booking_reasons_name_a_booking
    check (reason = 'CAPACITY_CHANGED' or booking_id is not null);
-- the actor of a capacity change is the organizer's principal name
alter table inventory_audit alter column actor type varchar(200);
