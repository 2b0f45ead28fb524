package com.tickets.api.organizer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/**
 * Body of {@code POST /api/organizer/concerts}. {@code salesOpenAt} absent: sales open when the concert is
 * published; {@code salesCloseAt} absent: they close when it starts. Unknown fields are refused (strict JSON).
 */
@SalesWindowInOrder
public record NewConcert(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 5000) String description,
        @NotBlank @Size(max = 200) String location,
        @NotNull @IanaTimeZone String timeZone,
        @NotNull @Future Instant date,
        Instant salesOpenAt,
        Instant salesCloseAt,
        @NotNull @Size(min = 1, max = 50) @UniqueTierNames List<@NotNull @Valid NewTier> ticketTiers) implements SalesWindow {
}
