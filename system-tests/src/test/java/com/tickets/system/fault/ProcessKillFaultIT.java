package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.CompletableFuture;

/**
 * SIGKILL mid-load of both booking-api replicas (the whole front door gone) and the payment worker at once:
 * no booking lost, nothing oversold, no payment taken twice, and no booking paid and then expired.
 */
@ExtendWith(FaultStackExtension.class)
class ProcessKillFaultIT {

    @Test
    void killedProcessesLoseNothingAndLeaveNoHoldStuck(FaultStack stack) throws Exception {
        Tier tier = Tier.onSale(stack.api(), "Killed processes", "40.00");

        var outcome = FaultScenario.run(stack, "sigkill-api-and-worker", tier, run -> {
            long down = System.nanoTime();
            try {
                stack.kill(FaultStack.API_1);
                stack.kill(FaultStack.API_2);
                stack.kill(FaultStack.PAYMENTS);
            } finally {
                // same ports: the buyers' retries find them again; all three start side by side
                CompletableFuture.allOf(CompletableFuture.runAsync(stack::startApis),
                        CompletableFuture.runAsync(() -> stack.startPayments(FaultStack.REALISTIC_GATEWAY))).join();
            }
            return "both booking-api replicas and payment-worker SIGKILLed at once, all three back in "
                    + (System.nanoTime() - down) / 1_000_000_000 + " s";
        });

        FaultScenario.assertHeld(outcome);
    }
}
