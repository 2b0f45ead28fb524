-- Wake the outbox relay as soon as rows commit (LISTEN outbox); its slow poll stays as the safety net.
-- A statement-level trigger, so writers stay plain inserts (and Debezium-compatible).
create function notify_outbox() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox', '');
    return null;
end $$;
create trigger outbox_notify after insert on outbox for each statement execute function notify_outbox();

-- A refund is requested at most once per booking, whatever order cancel and payment events arrive in.
alter table bookings add column refund_requested_at timestamptz;

-- Events this service has applied (payment.events): a replayed event changes nothing.
create table applied_events (
    event_id   uuid primary key,
    type       varchar(255) not null,
    applied_at timestamptz  not null default now()
);
