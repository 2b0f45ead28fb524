package com.tickets.api.outbox;

import com.tickets.api.BookingRequests;
import com.tickets.api.Fixtures;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A booking and its events are one transaction: both are written, or neither. */
@QuarkusTest
class OutboxTest {

    @Inject
    Fixtures fixtures;

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/")
    URI base;

    @Test
    void aSuccessfulBookingWritesBookingCreatedAndAvailabilityChanged() throws Exception {
        var tier = fixtures.concertWithTier("Outbox", "15.00", 10);
        String key = "outbox-" + UUID.randomUUID();
        var response = BookingRequests.post(base, key, BookingRequests.body(tier.tierId(), "o@example.com", 3, tier.total(3)));
        assertThat(response.statusCode()).isEqualTo(201);
        String bookingId = response.body().replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");

        List<EventEnvelope> events = eventsWithKey(key);
        assertThat(events).extracting(EventEnvelope::type).containsExactly("BookingCreated", "AvailabilityChanged");

        EventEnvelope created = events.get(0);
        assertThat(created.aggregateId()).isEqualTo(bookingId);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.idempotencyKey()).isEqualTo(key);
        assertThat(created.data().get("quantity").asInt()).isEqualTo(3);
        assertThat(created.data().get("totalPrice").decimalValue()).isEqualByComparingTo("45.00");
        assertThat(created.data().get("status").asText()).isEqualTo("PENDING");
        assertThat(created.data().get("tierName").asText()).isEqualTo("Outbox");

        EventEnvelope availability = events.get(1);
        assertThat(availability.aggregateId()).isEqualTo(tier.tierId().toString());
        assertThat(availability.data().get("availableQuantity").asInt()).isEqualTo(7);
        assertThat(availability.data().get("concertId").asText()).isEqualTo(tier.concertId().toString());
    }

    @Test
    void aRefusedBookingWritesNoEvents() {
        var tier = fixtures.concertWithTier("Tiny", "15.00", 1);
        String soldOutKey = "sold-out-" + UUID.randomUUID();
        assertThat(BookingRequests.post(base, soldOutKey,
                BookingRequests.body(tier.tierId(), "o@example.com", 2, tier.total(2))).statusCode()).isEqualTo(409);
        String wrongPriceKey = "wrong-price-" + UUID.randomUUID();
        assertThat(BookingRequests.post(base, wrongPriceKey,
                BookingRequests.body(tier.tierId(), "o@example.com", 1, tier.total(2))).statusCode()).isEqualTo(422);
        assertThat(fixtures.count("select count(*) from outbox where idempotency_key in (?, ?)", soldOutKey, wrongPriceKey))
                .isZero();
    }

    @Test
    void whenTheOutboxWriteFailsTheBookingAndTicketTakeRollBack() {
        var tier = fixtures.concertWithTier("Atomic", "15.00", 5);
        // Make the database refuse this booking's outbox rows: the booking must not survive without them.
        fixtures.update("""
                create or replace function refuse_outbox() returns trigger language plpgsql as $$
                begin
                  if new.payload::text like '%%outbox-refused@example.com%%' then
                    raise exception 'outbox refused for test';
                  end if;
                  return new;
                end $$""".replace("%%", "%"));
        fixtures.update("create trigger refuse_outbox before insert on outbox for each row execute function refuse_outbox()");
        try {
            var response = BookingRequests.post(base, "atomic-" + UUID.randomUUID(),
                    BookingRequests.body(tier.tierId(), "outbox-refused@example.com", 2, tier.total(2)));
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("outbox refused");
        } finally {
            fixtures.update("drop trigger refuse_outbox on outbox");
        }
        assertThat(fixtures.count("select count(*) from bookings where ticket_tier_id = ?", tier.tierId())).isZero();
        assertThat(fixtures.available(tier.tierId())).isEqualTo(5);
    }

    private List<EventEnvelope> eventsWithKey(String key) throws Exception {
        List<EventEnvelope> events = new ArrayList<>();
        try (var c = db.getConnection();
             var s = c.prepareStatement("select payload::text, aggregateid, type from outbox where idempotency_key = ? order by seq")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    EventEnvelope e = EventJson.read(rs.getString(1));
                    assertThat(e.aggregateId()).isEqualTo(rs.getString(2));
                    assertThat(e.type()).isEqualTo(rs.getString(3));
                    events.add(e);
                }
            }
        }
        return events;
    }
}
