-- Waitlist mails (an offer, its reminder) are about a waitlist entry, not a booking: the entry they
-- are about, as booking_id is for booking mails (null for every other mail).
alter table notifications add column waitlist_entry_id uuid;
create index notifications_waitlist_entry on notifications (waitlist_entry_id) where waitlist_entry_id is not null;
