-- Demo shows from api.md. Idempotent (fixed ids, on conflict do nothing) and switched by the
-- placeholder demo_data (property booking.demo-data / env BOOKING_DEMO_DATA); off in production and tests.
do $$
begin
    if '${demo_data}' = 'true' then
        insert into concerts (id, name, description, location, date, organizer, status, time_zone)
        values ('11111111-1111-4111-8111-111111111111', 'The Galactic Symphony',
                'An orchestral journey through the stars, with a full choir and light show.',
                'Royal Albert Hall, London', date_trunc('hour', now()) + interval '30 days', 'organizer', 'PUBLISHED',
                'Europe/London'),
               ('22222222-2222-4222-8222-222222222222', 'Summer Vibes Festival',
                'A day of sun, indie bands and DJ sets on the Great Lawn.',
                'Central Park, New York', date_trunc('hour', now()) + interval '60 days', 'organizer', 'PUBLISHED',
                'America/New_York')
        on conflict (id) do nothing;

        insert into ticket_tiers (id, concert_id, name, price, currency, total_quantity, available_quantity)
        values ('11111111-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', 'VIP', 100.00, 'USD', 100, 100),
               ('11111111-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', 'Front Row', 50.00, 'USD', 200, 200),
               ('11111111-0000-4000-8000-000000000003', '11111111-1111-4111-8111-111111111111', 'General Admission', 10.00, 'USD', 1000, 1000),
               ('22222222-0000-4000-8000-000000000001', '22222222-2222-4222-8222-222222222222', 'VIP', 100.00, 'USD', 100, 100),
               ('22222222-0000-4000-8000-000000000002', '22222222-2222-4222-8222-222222222222', 'Front Row', 50.00, 'USD', 200, 200),
               ('22222222-0000-4000-8000-000000000003', '22222222-2222-4222-8222-222222222222', 'General Admission', 10.00, 'USD', 1000, 1000)
        on conflict (id) do nothing;
    end if;
end
$$;
