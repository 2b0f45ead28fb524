package com.tickets.api.booking;

import com.tickets.api.problem.ProblemException;

import java.util.Map;
import java.util.UUID;

/** 409: fewer tickets left than asked for; {@code availableQuantity} says how many remain. */
public class SoldOutProblem extends ProblemException {
    public SoldOutProblem(UUID tierId, int requested, int available) {
        super("sold-out", available == 0 ? "Sold out" : "Not enough tickets left", 409,
                "Asked for " + requested + " ticket(s) but " + available + " left in this tier",
                Map.of("ticketTierId", tierId, "availableQuantity", available));
    }
}
