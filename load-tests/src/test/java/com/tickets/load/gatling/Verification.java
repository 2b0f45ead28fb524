package com.tickets.load.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;

import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.scenario;


/**
 * The last step of every simulation, started once the load is over: reads the database and crashes
 * the run (non-zero exit) if anything was oversold or booked twice.
 */
public final class Verification {

    private Verification() {
    }

    public static ScenarioBuilder afterTheLoad() {
        return scenario("verify the booking database")
                .exec(session -> {
                    List<String> violations = InventoryInvariants.violations();
                    violations.forEach(line -> System.out.println("INVARIANT VIOLATED: " + line));
                    if (violations.isEmpty()) {
                        System.out.println("INVARIANTS HOLD: no tier oversold, audit trail agrees, no key booked twice");
                    }
                    return session.set("violations", String.join("; ", violations));
                })
                .crashLoadGeneratorIf("invariants violated: #{violations}",
                        session -> !session.getString("violations").isEmpty());
    }
}
