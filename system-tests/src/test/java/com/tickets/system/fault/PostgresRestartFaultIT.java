package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PostgreSQL restarted mid-load: every open connection drops, and the services recover by themselves. */
@ExtendWith(FaultStackExtension.class)
class PostgresRestartFaultIT {

    @Test
    void theServicesRecoverFromADatabaseRestartWithoutBeingRestarted(FaultStack stack) throws Exception {
        Tier tier = Tier.onSale(stack.api(), "Database restart", "45.00");
        var downtime = FaultSettings.current().postgresDowntime();

        var outcome = FaultScenario.run(stack, "postgres-restart", tier, run -> {
            long start = System.nanoTime();
            stack.postgres().stop();
            try {
                Thread.sleep(downtime.toMillis());
            } finally {
                stack.postgres().restart();
            }
            return "PostgreSQL stopped (fast shutdown) and left down %d s, back on the same port %.0f s after the stop"
                    .formatted(downtime.toSeconds(), (System.nanoTime() - start) / 1e9);
        });

        FaultScenario.assertHeld(outcome);
    }
}
