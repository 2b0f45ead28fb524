package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kafka broker SIGKILLed mid-load (no controlled shutdown, no flush: its log is recovered at the next
 * start): what it acknowledged is still there, what it did not is sent again, and nothing is applied twice.
 * The broker runs in a process of its own for this (the JVM's embedded broker can only be shut down cleanly).
 */
@ExtendWith(FaultStackExtension.class)
class KafkaKillFaultIT {

    @Test
    void aBrokerKilledMidLoadLosesNothingItAcknowledged(FaultStack stack) throws Exception {
        Tier tier = Tier.onSale(stack.api(), "Kafka killed", "26.00");
        var settings = FaultSettings.current();
        var down = settings.isLong() ? settings.kafkaOutage() : java.time.Duration.ofSeconds(3);

        var outcome = FaultScenario.run(stack, "kafka-sigkill", tier, run -> {
            long pid = stack.kafka().pid();
            long killed = System.nanoTime();
            long waiting;
            stack.kafka().kill();
            try {
                Thread.sleep(down.toMillis());
                waiting = stack.queryLong("booking", "select count(*) from outbox where published_at is null");
            } finally {
                stack.kafka().restart();
            }
            return ("Kafka broker (pid %d) SIGKILLed, left down %d s, then restarted on the same log (recovered), back %.0f s after"
                    + " the kill (%d events waiting in the outbox before the restart)").formatted(pid, down.toSeconds(),
                    (System.nanoTime() - killed) / 1e9, waiting);
        });

        FaultScenario.assertHeld(outcome);
    }
}
