package com.tickets.api.booking;

import com.tickets.api.problem.ProblemException;

import java.time.Instant;
import java.util.Map;

/** 409: too close to the show (the cutoff, 24 h by default) to cancel and be refunded. */
public class CancellationClosedProblem extends ProblemException {
    public CancellationClosedProblem(Instant closedAt) {
        super("cancellation-closed", "Cancellation closed", 409,
                "Bookings for this show could be cancelled until " + closedAt, Map.of("cancellationClosedAt", closedAt.toString()));
    }
}
