package com.tickets.api.booking;

import com.tickets.api.problem.ProblemException;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** 409: this tier's sales open later; the same request may succeed from {@code salesOpenAt} on. */
public class SalesNotOpenProblem extends ProblemException {
    public SalesNotOpenProblem(UUID tierId, Instant opensAt) {
        super("sales-not-open", "Sales not open", 409, "Sales for this show open at " + opensAt,
                Map.of("ticketTierId", tierId, "salesOpenAt", opensAt.toString()));
    }
}
