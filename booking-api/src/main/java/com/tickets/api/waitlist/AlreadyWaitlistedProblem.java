package com.tickets.api.waitlist;

import com.tickets.api.problem.ProblemException;

import java.util.Map;
import java.util.UUID;

/** 409: this e-mail already waits (or holds an offer) for this tier; one active entry per e-mail and tier. */
public class AlreadyWaitlistedProblem extends ProblemException {
    AlreadyWaitlistedProblem(UUID tierId) {
        super("already-waitlisted", "Already on the waitlist", 409,
                "This e-mail address is already on the waitlist for this tier", Map.of("ticketTierId", tierId));
    }
}
