package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The PostgreSQL postmaster SIGKILLed mid-load, as a crash: no shutdown checkpoint, its backends gone with
 * it; restarted on the same data directory, it recovers from its WAL. With durable commits every booking it
 * acknowledged is there (every 201 has its booking), and the services reconnect by themselves.
 */
@ExtendWith(FaultStackExtension.class)
class PostgresKillFaultIT {

    @Test
    void aCrashedDatabaseRecoversEveryCommitItAcknowledged(FaultStack stack) throws Exception {
        assumeTrue(stack.postgres().killable(), "needs a PostgreSQL whose postmaster is a process of ours: " + stack.postgres().describe());
        Tier tier = Tier.onSale(stack.api(), "Database killed", "46.00");
        var downtime = FaultSettings.current().isLong() ? FaultSettings.current().postgresDowntime() : java.time.Duration.ofSeconds(2);

        var outcome = FaultScenario.run(stack, "postgres-sigkill", tier, run -> {
            long start = System.nanoTime();
            int stragglers = stack.postgres().kill();
            long dead = System.nanoTime();
            try {
                Thread.sleep(downtime.toMillis());
            } finally {
                stack.postgres().restart();
            }
            return ("PostgreSQL postmaster SIGKILLed (its backends exited within %.1f s, %d had to be killed), left down %d s,"
                    + " restarted with crash recovery on the same data directory, back %.0f s after the kill").formatted(
                    (dead - start) / 1e9, stragglers, downtime.toSeconds(), (System.nanoTime() - start) / 1e9);
        });

        FaultScenario.assertHeld(outcome);
    }
}
