package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL mid-load, first booking-api, then payment-worker: no booking lost, nothing oversold, the
 * holds the dead API left behind expire, and no payment is taken twice.
 */
@ExtendWith(FaultStackExtension.class)
class ProcessKillFaultIT {

    @Test
    void killedProcessesLoseNothingAndLeaveNoHoldStuck(FaultStack stack) throws Exception {
        Tier tier = Tier.create(stack.api(), "Killed processes", "40.00", 5000);

        var outcome = FaultScenario.run(stack, "sigkill-api-and-worker", tier, () -> {
            long apiDown = System.nanoTime();
            try {
                stack.kill(FaultStack.API);
            } finally {
                stack.startApi(); // same port: the buyers' retries find it again
            }
            long apiSeconds = (System.nanoTime() - apiDown) / 1_000_000_000;
            Thread.sleep(2000);
            try {
                stack.kill(FaultStack.PAYMENTS);
            } finally {
                stack.startPayments(Map.of());
            }
            return "booking-api SIGKILLed (back in " + apiSeconds + " s), then payment-worker SIGKILLed and restarted";
        });

        assertThat(outcome.successes()).as("bookings made during the scenario").isPositive();
        assertThat(outcome.successesAfterFault()).as("bookings made after the restarts").isPositive();
        assertThat(outcome.violations()).as(outcome.summary()).isEmpty();
    }
}
