package com.tickets.api.organizer;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.math.BigDecimal;

/**
 * Body of {@code PATCH /api/organizer/tiers/{id}}: a new price (for bookings from now on; a booking keeps the
 * price it was made at) and/or a new total. Absent (or null) leaves it as it is; at least one is required.
 */
public record TierPatch(
        @DecimalMin("0.00") @Digits(integer = 10, fraction = 2, message = "must have at most 2 decimal places")
        BigDecimal price,
        @Min(0) @Max(NewTier.MAX_TIER_TICKETS) Integer totalQuantity) {
}
