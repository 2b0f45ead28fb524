package com.tickets.events;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
