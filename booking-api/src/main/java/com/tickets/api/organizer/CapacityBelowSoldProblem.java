package com.tickets.api.organizer;

import com.tickets.api.problem.ProblemException;

import java.util.Map;
import java.util.UUID;

/** 409: a tier's total cannot go below what is sold or held; {@code minimumTotal} is the lowest it can be now. */
public class CapacityBelowSoldProblem extends ProblemException {
    public CapacityBelowSoldProblem(UUID tierId, int asked, int soldOrHeld) {
        super("capacity-below-sold", "Capacity below sold", 409,
                "The tier has " + soldOrHeld + " tickets sold or held; its total cannot be " + asked,
                Map.of("ticketTierId", tierId, "totalQuantity", asked, "minimumTotal", soldOrHeld));
    }
}
