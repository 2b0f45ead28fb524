-- The waitlists of sold-out tiers (docs/waitlist.md).
--
-- Tickets offered to a waitlist entry are held for it alone: they leave the public availability for
-- offered_quantity, so a tier's tickets are always available + offered + those of its live bookings (PENDING,
-- CONFIRMED) = total.
alter table ticket_tiers add column offered_quantity integer not null default 0;
alter table ticket_tiers add constraint offered_within_total
    check (offered_quantity >= 0 and available_quantity + offered_quantity <= total_quantity);

create table waitlist_entries (
    id                  uuid primary key,
    ticket_tier_id      uuid         not null references ticket_tiers (id),
    concert_id          uuid         not null references concerts (id),
    user_email          varchar(254) not null,
    quantity            integer      not null check (quantity between 1 and 10),
    status              varchar(16)  not null
        check (status in ('WAITING', 'OFFERED', 'CLAIMED', 'EXPIRED', 'LEFT', 'CLOSED')),
    -- the order of joining: offers go out in this order
    joined_seq          bigserial    not null,
    -- the truth of a join's idempotency, as bookings.idempotency_key is a booking's
    idempotency_key     varchar(255) not null constraint waitlist_idempotency_key_unique unique,
    request_fingerprint char(64)     not null,
    joined_at           timestamptz  not null,
    offered_at          timestamptz,
    offer_expires_at    timestamptz,
    reminded_at         timestamptz,
    booking_id          uuid references bookings (id),
    ended_at            timestamptz,
    constraint an_offer_has_a_window check (status <> 'OFFERED' or offer_expires_at is not null),
    constraint a_claim_has_its_booking check (status <> 'CLAIMED' or booking_id is not null)
);
-- one active entry per e-mail and tier
create unique index waitlist_one_active_entry on waitlist_entries (ticket_tier_id, user_email)
    where status in ('WAITING', 'OFFERED');
create index waitlist_waiting_in_order on waitlist_entries (ticket_tier_id, joined_seq) where status = 'WAITING';
create index waitlist_offers_by_expiry on waitlist_entries (offer_expires_at) where status = 'OFFERED';
create index waitlist_by_concert on waitlist_entries (concert_id) where status in ('WAITING', 'OFFERED');

-- Offers move tickets between the public availability and the entries' holds, and the audit says so:
-- OFFERED (-quantity: held for the entry) and OFFER_RETURNED (+quantity: the hold ended, by a claim, which
-- then books them as BOOKED, by an expiry or by the entry leaving), each naming its entry. Availability is
-- still total_quantity + sum(delta) over every reason but CAPACITY_CHANGED, and offered_quantity is
-- -sum(delta) over OFFERED and OFFER_RETURNED.
alter table inventory_audit add column waitlist_entry_id uuid references waitlist_entries (id);
alter table inventory_audit drop constraint inventory_audit_reason_check;
alter table inventory_audit add constraint inventory_audit_reason_check
    check (reason in ('BOOKED', 'CANCELLED', 'EXPIRED', 'PAYMENT_FAILED', 'CAPACITY_CHANGED', 'OFFERED',
                      'OFFER_RETURNED'));
alter table inventory_audit drop constraint booking_reasons_name_a_booking;
alter table inventory_audit add constraint booking_reasons_name_a_booking
    check (reason in ('CAPACITY_CHANGED', 'OFFERED', 'OFFER_RETURNED') or booking_id is not null);
alter table inventory_audit add constraint offer_reasons_name_an_entry
    check (reason not in ('OFFERED', 'OFFER_RETURNED') or waitlist_entry_id is not null);
