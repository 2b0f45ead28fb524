package com.tickets.api.organizer;

import com.tickets.api.problem.ProblemException;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** 409: the concert has started (or its date is past), so it can no longer be published. */
public class ConcertStartedProblem extends ProblemException {
    public ConcertStartedProblem(UUID concertId, Instant date) {
        super("concert-started", "Concert started", 409, "This concert started at " + date,
                Map.of("concertId", concertId, "date", date.toString()));
    }
}
