package com.tickets.api.waitlist;

import com.tickets.api.problem.ProblemException;

import java.util.Map;

/** 409: the offer is gone without a claim: its entry left the waitlist, or the concert was cancelled. */
public class OfferWithdrawnProblem extends ProblemException {
    OfferWithdrawnProblem(WaitlistStatus status) {
        super("offer-withdrawn", "The offer was withdrawn", 409,
                status == WaitlistStatus.LEFT ? "This waitlist entry left the list" : "The concert was cancelled",
                Map.of("status", status.name()));
    }
}
