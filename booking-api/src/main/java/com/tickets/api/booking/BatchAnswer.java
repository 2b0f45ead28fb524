package com.tickets.api.booking;

import com.tickets.api.problem.ProblemException;

/** What a batch decided for one of its requests: its booking (new or replayed), or the problem to answer. */
sealed interface BatchAnswer {

    record Booked(BookingOutcome outcome) implements BatchAnswer {
    }

    record Refused(ProblemException problem) implements BatchAnswer {
    }
}
