package com.tickets.payment;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.payment.gateway.SimulatedPaymentGateway;
import com.tickets.payment.gateway.SimulatedPaymentGateway.Behaviour;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.tickets.payment.ManyRecordsInFlightTest.bookingEvent;
import static com.tickets.payment.ManyRecordsInFlightTest.keys;
import static com.tickets.payment.ManyRecordsInFlightTest.outcomesFor;
import static com.tickets.payment.ManyRecordsInFlightTest.sendAll;
import static org.assertj.core.api.Assertions.assertThat;

/** With a small payment.max-in-flight, a burst of records never has more than that many in flight. */
@QuarkusTest
@TestProfile(InFlightBoundTest.SmallBound.class)
class InFlightBoundTest {

    static final int BOUND = 4;

    public static class SmallBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("payment.max-in-flight", String.valueOf(BOUND));
        }
    }

    @Inject
    SimulatedPaymentGateway gateway;

    @Inject
    PaymentProcessor processor;

    @Inject
    Scheduler scheduler;

    @Test
    void aBurstIsHandledAtMostTheBoundAtATime() {
        scheduler.pause("refund-reconciler"); // its sweep calls the gateway outside the bound
        try {
            gateway.behave(new Behaviour(Duration.ofMillis(200), 0.0, 0.0, 0));
            gateway.resetMostCallsInFlight();
            processor.resetMostInFlight();
            List<EventEnvelope> created = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                created.add(bookingEvent("BookingCreated", UUID.randomUUID(), "12.00"));
            }
            sendAll(created);

            List<ConsumerRecord<String, String>> outcomes = outcomesFor(keys(created),
                    found -> found.size() >= created.size(), Duration.ofSeconds(60));
            assertThat(outcomes).hasSize(created.size())
                    .allSatisfy(r -> assertThat(EventJson.read(r.value()).type()).isEqualTo("PaymentSucceeded"));
            assertThat(processor.mostInFlight()).isEqualTo(BOUND);
            assertThat(gateway.mostCallsInFlight()).isLessThanOrEqualTo(BOUND).isGreaterThan(1);
        } finally {
            gateway.behave(new Behaviour(Duration.ofMillis(10), 0.0, 0.0, 0));
            scheduler.resume("refund-reconciler");
        }
    }
}
