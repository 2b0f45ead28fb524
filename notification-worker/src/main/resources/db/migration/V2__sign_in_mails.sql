-- Sign-in link mails are about an access link, not a booking.
alter table notifications alter column booking_id drop not null;
