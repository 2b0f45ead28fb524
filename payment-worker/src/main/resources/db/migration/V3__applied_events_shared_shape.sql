-- applied_events has one shape in every service (the applied-events library): the outcome is optional.
alter table applied_events alter column outcome drop not null;
alter table applied_events alter column type type varchar(255);
