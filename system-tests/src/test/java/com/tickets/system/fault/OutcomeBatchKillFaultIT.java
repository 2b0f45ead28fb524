package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A booking-api replica SIGKILLed while it is inside the transaction of a batch of payment outcomes (caught
 * in pg_stat_activity: a session of that replica with an open transaction running one of the batch's
 * statements): PostgreSQL rolls the batch back, its offsets were not committed, and the outcomes are applied
 * again (by the other replica once the partitions move, or by the restarted one) exactly once.
 */
@ExtendWith(FaultStackExtension.class)
class OutcomeBatchKillFaultIT {

    /** The statements of OutcomeBatchWriter (booking-api writes applied_events nowhere else). */
    static final String IN_AN_OUTCOME_BATCH = """
            select application_name, pid, state, left(regexp_replace(query, '\\s+', ' ', 'g'), 70),
                   extract(epoch from now() - xact_start) * 1000
            from pg_stat_activity
            where application_name like 'booking-api-%' and xact_start is not null and pid <> pg_backend_pid()
              and (query like '%applied_events%' or query like '%for update of b%' or query like '%status = u.status%'
                   or query like '%ticket_codes%')
            limit 1""";

    @Test
    void aReplicaKilledInsideAnOutcomeBatchAppliesNothingTwiceAndLosesNothing(FaultStack stack) throws Exception {
        Tier tier = Tier.onSale(stack.api(), "Killed in a batch", "41.00");

        var outcome = FaultScenario.run(stack, "sigkill-api-mid-outcome-batch", tier, run -> {
            String caught = null;
            String replica = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            try (Connection c = Snapshot.connect(stack.jdbcUrl("booking")); var st = c.prepareStatement(IN_AN_OUTCOME_BATCH)) {
                while (caught == null && System.nanoTime() < deadline) {
                    try (var rs = st.executeQuery()) {
                        if (rs.next()) {
                            replica = rs.getString(1);
                            stack.kill(replica);
                            caught = "pid %d, %s, %.0f ms into its transaction, running \"%s…\"".formatted(rs.getInt(2),
                                    rs.getString(3), rs.getDouble(5), rs.getString(4));
                        }
                    }
                }
            }
            assertThat(caught).as("a replica caught inside an outcome batch within 30 s").isNotNull();
            String killed = replica;
            // the other replica takes the killed one's partitions once its session times out; the restart runs meanwhile
            Thread.sleep(FaultSettings.current().consumerSessionTimeout().orElse(Duration.ofSeconds(45)).toMillis());
            run.putBackMeanwhile(killed + " restarted", () -> stack.startApi(killed));
            return killed + " SIGKILLed inside a batch of payment outcomes (" + caught + "); its partitions left to the other "
                    + "replica (consumer session timeout)";
        });

        FaultScenario.assertHeld(outcome);
    }
}
