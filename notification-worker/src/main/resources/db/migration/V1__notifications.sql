-- One row per event that warrants a mail: the intent is recorded first, the send marked after.
-- A replay of a SENT event sends nothing; a PENDING one (crash between send and mark) is sent again
-- with the same Message-ID, so the second copy is recognisably the same mail.
create table notifications (
    event_id   uuid primary key,
    booking_id uuid         not null,
    kind       varchar(32)  not null,
    recipient  varchar(254) not null,
    message_id varchar(120) not null,
    status     varchar(8)   not null check (status in ('PENDING', 'SENT')),
    attempts   integer      not null default 0,
    created_at timestamptz  not null default now(),
    sent_at    timestamptz
);
create index notifications_booking on notifications (booking_id);
