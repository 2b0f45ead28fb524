package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL restarted mid-load: every open connection drops, and the services recover by themselves. */
@ExtendWith(FaultStackExtension.class)
class PostgresRestartFaultIT {

    @Test
    void theServicesRecoverFromADatabaseRestartWithoutBeingRestarted(FaultStack stack) throws Exception {
        Tier tier = Tier.create(stack.api(), "Database restart", "45.00", 5000);
        var downtime = FaultSettings.current().postgresDowntime();

        var outcome = FaultScenario.run(stack, "postgres-restart", tier, () -> {
            stack.postgres().stop();
            try {
                Thread.sleep(downtime.toMillis());
            } finally {
                stack.postgres().restart();
            }
            return "PostgreSQL stopped (fast shutdown) for " + downtime.toSeconds() + " s, restarted on the same port";
        });

        assertThat(outcome.successes()).as("bookings made during the scenario").isPositive();
        assertThat(outcome.successesAfterFault()).as("bookings made after the fault, without anyone's help").isPositive();
        assertThat(outcome.violations()).as(outcome.summary()).isEmpty();
    }
}
