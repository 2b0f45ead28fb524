-- The shared applied-events library (com.tickets.applied.AppliedEvents) writes one table shape in
-- every service: event id, type, an optional outcome, when. The projection leaves the outcome null.
alter table applied_events add column outcome varchar(32);
