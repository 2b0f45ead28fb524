package com.tickets.api.organizer;

import com.tickets.api.problem.ProblemException;

import java.util.Map;
import java.util.UUID;

/** 409: the concert already has a tier of this name (letter case aside); buyers could not tell the two apart. */
public class TierNameTakenProblem extends ProblemException {
    public TierNameTakenProblem(UUID concertId, String name) {
        super("tier-name-taken", "Tier name taken", 409, "This concert already has a tier named " + name,
                Map.of("concertId", concertId));
    }
}
