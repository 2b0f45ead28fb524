package com.tickets.api.waitlist;

import com.tickets.api.access.BuyerEmail;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Body of {@code POST /api/waitlist}; the key is the {@code Idempotency-Key} header. */
public record WaitlistJoinRequest(
        @NotNull UUID ticketTierId,
        @NotBlank @Size(max = 254) @BuyerEmail String userEmail,
        @NotNull @Min(1) @Max(10) Integer quantity) {
}
