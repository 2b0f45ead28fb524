package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGKILL mid-load, first both booking-api replicas at once (the whole front door gone), then the payment
 * worker: no booking lost, nothing oversold, no payment taken twice, and no booking paid and then expired.
 */
@ExtendWith(FaultStackExtension.class)
class ProcessKillFaultIT {

    @Test
    void killedProcessesLoseNothingAndLeaveNoHoldStuck(FaultStack stack) throws Exception {
        Tier tier = Tier.onSale(stack.api(), "Killed processes", "40.00");

        var outcome = FaultScenario.run(stack, "sigkill-api-and-worker", tier, run -> {
            long apiDown = System.nanoTime();
            try {
                stack.kill(FaultStack.API_1);
                stack.kill(FaultStack.API_2);
            } finally {
                stack.startApis(); // same ports: the buyers' retries find them again
            }
            long apiSeconds = (System.nanoTime() - apiDown) / 1_000_000_000;
            Thread.sleep(2000);
            long workerDown = System.nanoTime();
            try {
                stack.kill(FaultStack.PAYMENTS);
            } finally {
                stack.startPayments(FaultStack.REALISTIC_GATEWAY);
            }
            return "both booking-api replicas SIGKILLed (back in " + apiSeconds + " s), then payment-worker SIGKILLed (back in "
                    + (System.nanoTime() - workerDown) / 1_000_000_000 + " s)";
        });

        FaultScenario.assertHeld(outcome);
    }
}
