package com.tickets.system.fault;

import java.math.BigDecimal;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A concert with one tier of its own per scenario, so every check can be scoped to the scenario's rows. */
record Tier(UUID concertId, UUID tierId, BigDecimal price, int total) {

    static Tier create(String bookingJdbcUrl, String name, String price, int total) throws Exception {
        Tier tier = new Tier(UUID.randomUUID(), UUID.randomUUID(), new BigDecimal(price), total);
        try (var c = DriverManager.getConnection(bookingJdbcUrl, "postgres", "postgres")) {
            try (var s = c.prepareStatement("insert into concerts (id, name, location, date) values (?, ?, 'Fault Hall', ?)")) {
                s.setObject(1, tier.concertId);
                s.setString(2, name);
                s.setTimestamp(3, Timestamp.from(Instant.now().plus(10, ChronoUnit.DAYS)));
                s.executeUpdate();
            }
            try (var s = c.prepareStatement("insert into ticket_tiers (id, concert_id, name, price, currency, total_quantity, "
                    + "available_quantity) values (?, ?, 'GA', ?, 'USD', ?, ?)")) {
                s.setObject(1, tier.tierId);
                s.setObject(2, tier.concertId);
                s.setBigDecimal(3, tier.price);
                s.setInt(4, total);
                s.setInt(5, total);
                s.executeUpdate();
            }
        }
        return tier;
    }

    String requestBody(String email, int quantity) {
        return """
                {"ticketTierId":"%s","userEmail":"%s","quantity":%d,"totalPrice":%s,"currency":"USD"}"""
                .formatted(tierId, email, quantity, price.multiply(BigDecimal.valueOf(quantity)).toPlainString());
    }
}
