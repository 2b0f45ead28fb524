package com.tickets.api.booking;

import com.tickets.api.access.BuyerEmail;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.UUID;

/** Body of {@code POST /api/bookings}. Unknown fields are rejected (quarkus.jackson.fail-on-unknown-properties). */
public record BookingRequest(
        @NotNull UUID ticketTierId,
        @NotBlank @Size(max = 254) @BuyerEmail String userEmail,
        @NotNull @Min(1) @Max(10) Integer quantity,
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal totalPrice,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as USD") String currency,
        @Size(min = 1, max = 255) @Pattern(regexp = "[\\x20-\\x7E]+", message = "must be printable ASCII")
        String idempotencyKey) {
}
