package com.tickets.api.waitlist;

import com.tickets.api.problem.ProblemException;

import java.time.Instant;
import java.util.Map;

/** 410: the offer's window has ended; its tickets went to the next entry or back on sale. */
public class OfferExpiredProblem extends ProblemException {
    OfferExpiredProblem(Instant endedAt) {
        super("offer-expired", "The offer has ended", 410,
                "This offer ended at " + endedAt + "; its tickets went to the next buyer in line or back on sale",
                Map.of("expiresAt", endedAt.toString()));
    }
}
