package com.tickets.api.waitlist;

import com.tickets.api.problem.ProblemException;

import java.util.Map;
import java.util.UUID;

/** 409: the offer was claimed already, by a request with another Idempotency-Key. */
public class OfferClaimedProblem extends ProblemException {
    OfferClaimedProblem(UUID bookingId) {
        super("offer-claimed", "The offer was claimed already", 409,
                "These tickets were booked already; a retry of that claim with its own Idempotency-Key gets the booking",
                Map.of("bookingId", bookingId));
    }
}
