package com.tickets.api.waitlist;

import com.tickets.api.problem.ProblemException;

import java.util.Map;
import java.util.UUID;

/** 409: the public can still buy the quantity asked for; {@code availableQuantity} says how many are on sale. */
public class TicketsAvailableProblem extends ProblemException {
    TicketsAvailableProblem(UUID tierId, int available) {
        super("tickets-available", "Tickets are available", 409,
                available + " ticket(s) of this tier are on sale: book them instead of waiting",
                Map.of("ticketTierId", tierId, "availableQuantity", available));
    }
}
