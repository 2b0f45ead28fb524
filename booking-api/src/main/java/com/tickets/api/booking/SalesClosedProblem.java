package com.tickets.api.booking;

import com.tickets.api.problem.ProblemException;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** 409: this tier's show has started (or its sales have closed); nothing can be booked any more. */
public class SalesClosedProblem extends ProblemException {
    public SalesClosedProblem(UUID tierId, Instant closedAt) {
        super("sales-closed", "Sales closed", 409, "Sales for this show closed at " + closedAt,
                Map.of("ticketTierId", tierId, "salesClosedAt", closedAt.toString()));
    }
}
