package com.tickets.system.fault;

import com.tickets.system.Concerts;

import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;

/** A concert with one tier of its own per scenario, so every check can be scoped to the scenario's rows. */
record Tier(UUID concertId, UUID tierId, BigDecimal price, int total) {

    /** An on-sale's tier: the most tickets the organizer API allows in one tier, so a scenario's crowd never sells it out. */
    static final int ON_SALE = 1_000_000;

    /** A published concert with one tier, created through the organizer API of {@code api}. */
    static Tier create(URI api, String name, String price, int total) throws Exception {
        Concerts.Created created = Concerts.withOneTier(api, name, price, total);
        return new Tier(created.concertId(), created.tierId(), new BigDecimal(price), total);
    }

    static Tier onSale(URI api, String name, String price) throws Exception {
        return create(api, name, price, ON_SALE);
    }

    String requestBody(String email, int quantity) {
        return """
                {"ticketTierId":"%s","userEmail":"%s","quantity":%d,"totalPrice":%s,"currency":"USD"}"""
                .formatted(tierId, email, quantity, price.multiply(BigDecimal.valueOf(quantity)).toPlainString());
    }
}
