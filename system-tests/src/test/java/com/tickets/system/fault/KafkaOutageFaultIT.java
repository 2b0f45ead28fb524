package com.tickets.system.fault;

import com.tickets.infra.KafkaBroker;
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
        assumeTrue(Infrastructure.kafkaIsOurs(), "needs a broker of its own: it stops and restarts it (INFRA_KAFKA_BOOTSTRAP_SERVERS is set)");
        Tier tier = Tier.create(stack.api(), "Kafka outage", "25.00", 5000);
        KafkaBroker kafka = Infrastructure.kafka();
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
