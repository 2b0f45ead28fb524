package com.tickets.api.organizer;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A ticket tier to create: in a new concert's {@code ticketTiers}, or {@code POST /api/organizer/concerts/{id}/tiers}. */
public record NewTier(
        @NotBlank @Size(max = 100) String name,
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2, message = "must have at most 2 decimal places")
        BigDecimal price,
        @NotNull @CurrencyCode String currency,
        @NotNull @Min(0) @Max(MAX_TIER_TICKETS) Integer totalQuantity) {

    /**
     * The most tickets one tier may have: above the largest ticketed shows (a festival day or a stadium holds a
     * few hundred thousand at most), so it catches a slip of a few zeros, and high enough for a single tier to
     * take an on-sale of a million bookings (the benchmarks' hot tier).
     */
    public static final int MAX_TIER_TICKETS = 1_000_000;
}
