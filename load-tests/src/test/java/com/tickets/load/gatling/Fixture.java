package com.tickets.load.gatling;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A concert created for one run, so every run starts from a known, untouched inventory. */
public record Fixture(UUID concertId, List<Tier> tiers) {

    public record Tier(UUID id, String name, BigDecimal price, int total) {
    }

    public Tier onlyTier() {
        return tiers.get(0);
    }
}
