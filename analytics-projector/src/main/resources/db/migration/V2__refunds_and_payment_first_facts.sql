-- A payment event (RefundSucceeded) can be read before any booking event of its booking (the two
-- topics are not ordered with each other), so a fact row may exist before its details are known:
-- the details become nullable and are filled by the first booking event that carries them.
alter table booking_facts alter column concert_id drop not null;
alter table booking_facts alter column concert_name drop not null;
alter table booking_facts alter column ticket_tier_id drop not null;
alter table booking_facts alter column tier_name drop not null;
alter table booking_facts alter column quantity drop not null;
alter table booking_facts alter column total_price drop not null;
alter table booking_facts alter column currency drop not null;

-- A refund (requested or done) takes the sale out whatever the booking events say.
alter table booking_facts add column refund_requested_at timestamptz;

-- The lattice becomes a total order, so that the status label (not only the revenue) is the same
-- whatever the arrival order: PENDING 0 < CONFIRMED 1 < EXPIRED 2 < CANCELLED 3. A real booking is
-- never both expired and cancelled; the order only breaks the tie deterministically.
update booking_facts set status_rank = 3 where status = 'CANCELLED';

-- What the dashboard counts, in one place.
alter table booking_facts add column is_sale boolean generated always as (
    status = 'CONFIRMED' and refund_requested_at is null and refunded_at is null) stored;

drop index booking_facts_confirmed;
drop index booking_facts_concert;
create index booking_facts_sales on booking_facts (confirmed_at) where is_sale;
create index booking_facts_concert_sales on booking_facts (concert_id, confirmed_at) where is_sale;
