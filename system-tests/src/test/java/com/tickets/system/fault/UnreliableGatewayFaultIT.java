package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

/**
 * A payment gateway that declines 30 % of charges, times out on 10 % of calls and now and then takes
 * 5 s, on top of its usual 0.2–0.8 s: bookings end confirmed or cancelled, tickets return, nothing is
 * charged twice, and a charge whose answer was lost is refunded. (Named to sort last: the stack puts the
 * realistic gateway back before the next scenario, and after the last one there is none to wait for.)
 */
@ExtendWith(FaultStackExtension.class)
class UnreliableGatewayFaultIT {

    static final Map<String, String> MISBEHAVING_GATEWAY = Map.of(
            "PAYMENT_GATEWAY_LATENCY", "PT0.2S..PT0.8S",
            "PAYMENT_GATEWAY_DECLINE_RATE", "0.3",
            "PAYMENT_GATEWAY_TIMEOUT_RATE", "0.1",
            "PAYMENT_GATEWAY_SPIKE_RATE", "0.1",
            "PAYMENT_GATEWAY_SPIKE_LATENCY", "PT5S");

    @Test
    void aFailingSlowGatewayNeverChargesTwiceAndEveryBookingEnds(FaultStack stack) throws Exception {
        Tier tier = Tier.onSale(stack.api(), "Bad gateway", "50.00");
        var duration = FaultSettings.current().gatewayLoad();
        stack.restartPayments(MISBEHAVING_GATEWAY); // the next scenario's stack gets the realistic one back
        var outcome = FaultScenario.run(stack, "payment-gateway", tier, run -> {
            Thread.sleep(duration.toMillis());
            return ("gateway: 30 %% declines, 10 %% timeouts, 10 %% of calls 5 s slow (call timeout 2 s) for the whole scenario"
                    + " (%d s of it the fault's): %.0f failed gateway calls, %.0f declines by the end of it").formatted(
                    duration.toSeconds(), stack.counter(FaultStack.PAYMENTS, "payment_attempts_failed_total", ""),
                    stack.counter(FaultStack.PAYMENTS, "payment_outcomes_total", "outcome=\"declined\""));
        });

        FaultScenario.assertHeld(outcome);
    }
}
