package com.tickets.payment;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.infra.Infrastructure;
import com.tickets.infra.TestTopics;
import com.tickets.payment.gateway.LatencyRange;
import com.tickets.payment.gateway.SimulatedPaymentGateway;
import com.tickets.payment.gateway.SimulatedPaymentGateway.Behaviour;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many records in flight at once against a slow gateway (the default bound, 1,000), and the order
 * of one booking's records kept while others overtake them.
 */
@QuarkusTest
class ManyRecordsInFlightTest {

    @Inject
    SimulatedPaymentGateway gateway;

    @Inject
    PaymentProcessor processor;

    @Inject
    AgroalDataSource db;

    @AfterEach
    void behaveNormally() {
        gateway.behave(new Behaviour(Duration.ofMillis(10), 0.0, 0.0, 0));
    }

    @Test
    void manyBookingsArePaidWithTheirGatewayCallsInFlightAtOnce() {
        // 1 s a call (half the call timeout): one at a time these 300 would take 5 minutes, 16 worker threads ~20 s;
        // calls that long overlap even when a busy machine hands the records over slowly (at 0.5 s, 61–77 at once
        // with a load average of 30)
        gateway.behave(new Behaviour(Duration.ofMillis(1000), 0.0, 0.0, 0));
        gateway.resetMostCallsInFlight();
        List<EventEnvelope> created = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            created.add(bookingEvent("BookingCreated", UUID.randomUUID(), "10.00"));
        }
        sendAll(created);

        List<ConsumerRecord<String, String>> outcomes = outcomesFor(keys(created), found -> found.size() >= created.size(),
                Duration.ofSeconds(60));
        assertThat(outcomes).hasSize(created.size())
                .allSatisfy(r -> assertThat(EventJson.read(r.value()).type()).isEqualTo("PaymentSucceeded"));
        // far more calls at once than the 16 worker threads the worker had before
        System.out.printf("ManyRecordsInFlightTest: %d gateway calls in flight at most, %d records%n",
                gateway.mostCallsInFlight(), processor.mostInFlight());
        assertThat(gateway.mostCallsInFlight()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void aBookingsRefundRequestRightBehindItsChargeWaitsForTheChargeWhileOtherBookingsGoOn() {
        // a range of latencies: a later call often answers before an earlier one
        gateway.behave(new Behaviour(LatencyRange.parse("PT0.05S..PT0.4S"), 0.0, 0.0, 0));
        List<EventEnvelope> events = new ArrayList<>();
        List<EventEnvelope> refunds = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            EventEnvelope created = bookingEvent("BookingCreated", UUID.randomUUID(), "15.00");
            EventEnvelope refund = EventJson.envelope("RefundRequested", created.aggregateId(), created.idempotencyKey(),
                    created.data(), Instant.now());
            events.add(created);
            events.add(refund); // straight behind it, same partition
            refunds.add(refund);
        }
        sendAll(events);

        List<ConsumerRecord<String, String>> outcomes = outcomesFor(keys(refunds), found -> found.size() >= events.size(),
                Duration.ofSeconds(60));
        Map<String, List<String>> typesPerBooking = outcomes.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(r -> EventJson.read(r.value()).type(), Collectors.toList())));
        assertThat(typesPerBooking).hasSize(refunds.size());
        typesPerBooking.values().forEach(types -> assertThat(types).containsExactly("PaymentSucceeded", "RefundSucceeded"));
        for (EventEnvelope refund : refunds) {
            // the refund found the charge: had it overtaken it, the gateway would have answered "no charge to refund"
            assertThat(count("select count(*) from gateway_ledger where kind = 'REFUND' and approved and idempotency_key = ?",
                    "refund:" + refund.idempotencyKey())).isEqualTo(1);
        }
    }

    // --- helpers ---

    static EventEnvelope bookingEvent(String type, UUID bookingId, String total) {
        BookingData data = new BookingData(bookingId, UUID.randomUUID(), "Show", Instant.now(), "Test Hall", "UTC",
                UUID.randomUUID(), "GA",
                "buyer@example.com", 1, new BigDecimal(total), new BigDecimal(total), "USD", "PENDING", Instant.now(),
                Instant.now().plusSeconds(600), null, "organizer");
        return EventJson.envelope(type, bookingId.toString(), "key-" + bookingId, data, Instant.now());
    }

    /** One producer for all, sent at once: the worker gets them as fast as Kafka can hand them over. */
    static void sendAll(List<EventEnvelope> events) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1))) { // keeps a booking's two events in order
            for (EventEnvelope event : events) {
                producer.send(new ProducerRecord<>("booking.events", event.aggregateId(), EventJson.write(event)));
            }
            producer.flush();
        }
    }

    static Set<String> keys(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::aggregateId).collect(Collectors.toSet());
    }

    static List<ConsumerRecord<String, String>> outcomesFor(Set<String> bookings,
                                                            java.util.function.Predicate<List<ConsumerRecord<String, String>>> done,
                                                            Duration timeout) {
        // a PaymentDelayed (a first attempt that timed out on a busy machine) is no outcome: the charge's answer follows it
        return TestTopics.read("payment.events", r -> r.key() != null && bookings.contains(r.key())
                && !EventJson.read(r.value()).type().equals(EventTypes.PAYMENT_DELAYED), done, timeout);
    }

    private long count(String sql, String param) {
        try (var c = db.getConnection(); var s = c.prepareStatement(sql)) {
            s.setString(1, param);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
