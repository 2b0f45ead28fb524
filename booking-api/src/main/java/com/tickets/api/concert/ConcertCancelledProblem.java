package com.tickets.api.concert;

import com.tickets.api.problem.ProblemException;

import java.util.Map;
import java.util.UUID;

/** 409: the concert was cancelled by its organizer; nothing can be booked, published or changed any more. */
public class ConcertCancelledProblem extends ProblemException {
    public ConcertCancelledProblem(UUID concertId) {
        super("concert-cancelled", "Concert cancelled", 409, "This concert was cancelled", Map.of("concertId", concertId));
    }
}
