package com.tickets.api.waitlist;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.math.BigDecimal;

/**
 * Body of {@code POST /api/waitlist/offers/{token}/claim}: the total the buyer was shown, checked against the
 * tier's price exactly as a booking's is. What is booked (tier, e-mail, quantity) is the offer's.
 */
public record OfferClaimRequest(
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal totalPrice,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as USD") String currency) {
}
