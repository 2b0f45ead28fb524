package com.tickets.events;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJsonTest {

    @Test
    void moneyKeepsItsTwoDecimalPlacesThroughTheEnvelope() {
        PaymentData payment = new PaymentData(UUID.randomUUID(), "p1", new BigDecimal("150.00"), "USD", null);
        EventEnvelope envelope = EventJson.envelope(EventTypes.PAYMENT_SUCCEEDED, payment.bookingId().toString(), "k",
                payment, Instant.parse("2026-11-24T10:00:00Z"));

        String json = EventJson.write(envelope);

        assertTrue(json.contains("\"amount\":150.00"), json);
        assertTrue(json.contains("\"occurredAt\":\"2026-11-24T10:00:00Z\""), json);
        PaymentData read = EventJson.data(EventJson.read(json), PaymentData.class);
        assertEquals(new BigDecimal("150.00"), read.amount());
        assertEquals("150.00", read.amount().toPlainString());
    }

    @Test
    void aBookingEventWrittenBeforeBookingsCarriedTheVenueStillReadsWithoutIt() {
        // the data of a BookingConfirmed as booking-api wrote it before location and timeZone were added
        String old = """
                {"id":"8d5f4a52-3c0e-4a8e-9f43-5a1c2b3d4e5f","type":"BookingConfirmed","version":1,
                 "occurredAt":"2026-11-24T10:00:00Z","aggregateId":"0b0e7f5c-7a1d-4c1e-8d0a-3b2c1d0e9f8a","idempotencyKey":"k",
                 "data":{"bookingId":"0b0e7f5c-7a1d-4c1e-8d0a-3b2c1d0e9f8a","concertId":"11111111-1111-4111-8111-111111111111",
                         "concertName":"Show","concertDate":"2026-12-31T20:00:00Z",
                         "ticketTierId":"11111111-0000-4000-8000-000000000001","tierName":"VIP","userEmail":"a@example.com",
                         "quantity":2,"unitPrice":50.00,"totalPrice":100.00,"currency":"USD","status":"CONFIRMED",
                         "createdAt":"2026-11-24T09:59:00Z","holdExpiresAt":"2026-11-24T10:09:00Z","reason":null,
                         "organizer":"organizer"}}""";

        BookingData read = EventJson.data(EventJson.read(old), BookingData.class);

        assertNull(read.location());
        assertNull(read.timeZone());
        assertEquals(Instant.parse("2026-12-31T20:00:00Z"), read.concertDate());
        assertEquals("VIP", read.tierName());
        assertEquals(new BigDecimal("100.00"), read.totalPrice());
    }

    @Test
    void aBookingEventCarriesTheVenueAndItsTimeZone() {
        UUID id = UUID.randomUUID();
        BookingData booking = new BookingData(id, UUID.randomUUID(), "Show", Instant.parse("2026-12-31T20:00:00Z"),
                "Royal Albert Hall, London", "Europe/London", UUID.randomUUID(), "VIP", "a@example.com", 1,
                new BigDecimal("50.00"), new BigDecimal("50.00"), "USD", "CONFIRMED", Instant.parse("2026-11-24T09:59:00Z"),
                Instant.parse("2026-11-24T10:09:00Z"), null, "organizer");
        String json = EventJson.write(EventJson.envelope(EventTypes.BOOKING_CONFIRMED, id.toString(), "k", booking,
                Instant.parse("2026-11-24T10:00:00Z")));

        assertTrue(json.contains("\"location\":\"Royal Albert Hall, London\",\"timeZone\":\"Europe/London\""), json);
        assertEquals(booking, EventJson.data(EventJson.read(json), BookingData.class));
    }
}
