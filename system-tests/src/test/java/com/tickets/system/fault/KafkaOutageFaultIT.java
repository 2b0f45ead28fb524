package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kafka stopped cleanly mid-load: bookings go on into the outbox, and everything is delivered once it is back. */
@ExtendWith(FaultStackExtension.class)
class KafkaOutageFaultIT {

    @Test
    void bookingsGoOnWhileKafkaIsDownAndEverythingIsDeliveredOnceItReturns(FaultStack stack) throws Exception {
        Tier tier = Tier.onSale(stack.api(), "Kafka outage", "25.00");
        var outage = FaultSettings.current().kafkaOutage();

        var outcome = FaultScenario.run(stack, "kafka-outage", tier, run -> {
            long down = System.nanoTime();
            long waiting;
            stack.kafka().stop();
            long stopped = System.nanoTime();
            try {
                Thread.sleep(outage.toMillis());
                waiting = stack.queryLong("booking", "select count(*) from outbox where published_at is null");
            } finally {
                stack.kafka().restart();
            }
            return ("Kafka broker (a process of its own) stopped cleanly (SIGTERM: controlled shutdown, %.1f s), down %.0f s in all"
                    + " (%d events waiting in the outbox at the end), restarted on the same port and log").formatted(
                    (stopped - down) / 1e9, (System.nanoTime() - down) / 1e9, waiting);
        });

        FaultScenario.assertHeld(outcome);
    }
}
