-- applied_events has one shape in every service (the applied-events library): an optional outcome.
alter table applied_events add column outcome varchar(32);
