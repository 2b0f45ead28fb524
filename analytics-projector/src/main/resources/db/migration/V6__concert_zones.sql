-- The venue's time zone of each concert (catalog.events: ConcertPublished, ConcertChanged, ConcertCancelled
-- carry the concert as it is after the change), so that the dashboard buckets a concert's sales by the days
-- of the venue's calendar unless the organizer chooses another zone. Joined like the other rows: the zone of
-- the latest event wins (zone_at, its occurredAt; the greater zone name between two events of one instant),
-- so the row is the same whatever the order of the concert's events and however often each was applied.
-- A rebuild keeps these rows: they do not come from the topics it replays, and they cannot double count.
create table concert_zones (
    concert_id uuid         primary key,
    -- who runs the concert (ConcertData.organizer): the zone of a concert is only looked up for its organizer
    organizer  varchar(200),
    time_zone  varchar(64)  not null,
    zone_at    timestamptz  not null
);
create index concert_zones_organizer on concert_zones (organizer);
