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
        @NotNull @Min(0) @Max(100_000) Integer totalQuantity) {
}
