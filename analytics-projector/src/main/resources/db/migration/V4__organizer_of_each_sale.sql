-- Who runs the concert a sale belongs to (BookingData.organizer): the dashboard shows each organizer
-- their own sales only. Facts of events written before booking events carried it stay null, and a
-- null is nobody's: shown to no organizer (deny by default) rather than to all of them.
alter table booking_facts add column organizer varchar(200);
create index booking_facts_organizer_confirmed on booking_facts (organizer, confirmed_at) where is_sale;
