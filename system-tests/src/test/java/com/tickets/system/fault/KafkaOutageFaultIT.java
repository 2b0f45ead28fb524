package com.tickets.system.fault;

import com.tickets.infra.EmbeddedKafkaBroker;
import com.tickets.infra.Infrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Kafka down mid-load: bookings go on into the outbox, and everything is delivered once it is back. */
@ExtendWith(FaultStackExtension.class)
class KafkaOutageFaultIT {

    @Test
    void bookingsGoOnWhileKafkaIsDownAndEverythingIsDeliveredOnceItReturns(FaultStack stack) throws Exception {
        assumeTrue(Infrastructure.kafkaIsEmbedded(), "needs the embedded broker: it stops and restarts it");
        Tier tier = Tier.create(stack.api(), "Kafka outage", "25.00", 5000);
        EmbeddedKafkaBroker kafka = Infrastructure.embeddedKafka();
        var outage = FaultSettings.current().kafkaOutage();

        var outcome = FaultScenario.run(stack, "kafka-outage", tier, () -> {
            long waiting;
            kafka.stop();
            try {
                Thread.sleep(outage.toMillis());
                waiting = stack.queryLong("booking", "select count(*) from outbox where published_at is null");
            } finally {
                kafka.restart();
            }
            return "Kafka broker stopped for " + outage.toSeconds() + " s (" + waiting
                    + " events waiting in the outbox at the end), then restarted";
        });

        assertThat(outcome.successes()).as("bookings made during the scenario").isPositive();
        assertThat(outcome.successesAfterFault()).as("bookings made after the fault, without anyone's help").isPositive();
        assertThat(outcome.violations()).as(outcome.summary()).isEmpty();
    }
}
