package com.tickets.analytics;

import com.tickets.events.BookingData;
import com.tickets.events.ConcertData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.PaymentData;
import com.tickets.events.WaitlistData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * Produces events the way the booking API and the payment worker do: key = booking id (waitlist events:
 * the entry id), value = envelope JSON.
 */
final class Events {

    private static KafkaProducer<String, String> producer;

    private Events() {
    }

    /** A show of three tiers, run by {@code organizer} (the test profile's organizer unless told otherwise). */
    record Show(UUID concertId, String name, UUID tierA, UUID tierB, UUID tierC, String organizer) {
        static Show create() {
            return runBy("organizer");
        }

        static Show runBy(String organizer) {
            UUID id = UUID.randomUUID();
            return new Show(id, "Show " + id.toString().substring(0, 8), UUID.randomUUID(), UUID.randomUUID(),
                    UUID.randomUUID(), organizer);
        }

        String tierName(UUID tier) {
            return (tier.equals(tierA) ? "VIP" : tier.equals(tierB) ? "Front Row" : "General Admission");
        }
    }

    /** One booking of one tier: builds its events. */
    record Booking(UUID id, Show show, UUID tier, int quantity, BigDecimal total) {
        static Booking of(Show show, UUID tier, int quantity, String total) {
            return new Booking(UUID.randomUUID(), show, tier, quantity, new BigDecimal(total));
        }

        EventEnvelope event(String type, Instant occurredAt) {
            BookingData data = new BookingData(id, show.concertId(), show.name(), Instant.parse("2031-12-24T20:00:00Z"),
                    "Test Hall", "UTC", tier, show.tierName(tier), "fan@example.com", quantity,
                    total.divide(BigDecimal.valueOf(quantity), 2, RoundingMode.HALF_UP), total, "USD",
                    status(type), occurredAt, occurredAt.plusSeconds(600), null, show.organizer());
            return EventJson.envelope(type, id.toString(), "key-" + id, data, occurredAt);
        }

        EventEnvelope payment(String type, Instant occurredAt) {
            return EventJson.envelope(type, id.toString(), "key-" + id,
                    new PaymentData(id, "pay-" + id, total, "USD", null), occurredAt);
        }

        private static String status(String type) {
            return switch (type) {
                case EventTypes.BOOKING_CONFIRMED -> "CONFIRMED";
                case EventTypes.BOOKING_CANCELLED, EventTypes.REFUND_REQUESTED -> "CANCELLED";
                case EventTypes.BOOKING_EXPIRED -> "EXPIRED";
                default -> "PENDING";
            };
        }
    }

    /** One waitlist entry of one tier (key: the entry id): builds its events, each with the entry after the change. */
    record Entry(UUID id, Show show, UUID tier, int quantity) {
        static Entry of(Show show, UUID tier, int quantity) {
            return new Entry(UUID.randomUUID(), show, tier, quantity);
        }

        EventEnvelope event(String type, Instant occurredAt) {
            return event(type, status(type), occurredAt);
        }

        /** The offer events carry the offer's window; WaitlistJoined and WaitlistLeft do not (see {@link #leftHoldingAnOffer}). */
        EventEnvelope event(String type, String status, Instant occurredAt) {
            boolean offer = !type.equals(EventTypes.WAITLIST_JOINED) && !type.equals(EventTypes.WAITLIST_LEFT);
            return event(type, status, show.tierName(tier), occurredAt, offer ? occurredAt.plusSeconds(600) : null);
        }

        /** The buyer left while the entry held an offer: the offer passes on, its window stays in the entry. */
        EventEnvelope leftHoldingAnOffer(Instant occurredAt) {
            return event(EventTypes.WAITLIST_LEFT, "LEFT", show.tierName(tier), occurredAt, occurredAt.plusSeconds(300));
        }

        /** Any event of the entry, naming the tier {@code tierName} (the organizer may have renamed it). */
        EventEnvelope event(String type, String status, String tierName, Instant occurredAt, Instant offerExpiresAt) {
            WaitlistData data = new WaitlistData(id, show.concertId(), show.name(), Instant.parse("2031-12-24T20:00:00Z"),
                    "Somewhere", "Europe/Berlin", tier, tierName, "fan@example.com", quantity, new BigDecimal("50.00"),
                    "USD", status, occurredAt.minusSeconds(3600), offerExpiresAt,
                    status.equals("CLAIMED") ? UUID.nameUUIDFromBytes(id.toString().getBytes()) : null, show.organizer());
            return EventJson.envelope(type, id.toString(), null, data, occurredAt);
        }

        private static String status(String type) {
            return switch (type) {
                case EventTypes.WAITLIST_JOINED -> "WAITING";
                case EventTypes.WAITLIST_OFFER_MADE, EventTypes.WAITLIST_OFFER_EXPIRING -> "OFFERED";
                case EventTypes.WAITLIST_OFFER_CLAIMED -> "CLAIMED";
                case EventTypes.WAITLIST_OFFER_EXPIRED -> "EXPIRED";
                case EventTypes.WAITLIST_LEFT -> "LEFT";
                default -> throw new IllegalArgumentException(type);
            };
        }
    }

    static String bookingTopic() {
        return ConfigProvider.getConfig().getValue("analytics.topic.booking-events", String.class);
    }

    static String paymentTopic() {
        return ConfigProvider.getConfig().getValue("analytics.topic.payment-events", String.class);
    }

    static String catalogTopic() {
        return ConfigProvider.getConfig().getValue("analytics.topic.catalog-events", String.class);
    }

    /** The show as booking-api publishes it to the catalogue, at a venue in {@code timeZone}. */
    static EventEnvelope concertEvent(Show show, String type, String timeZone, Instant occurredAt) {
        ConcertData data = new ConcertData(show.concertId(), show.organizer(), show.name(), "", "Somewhere", timeZone,
                Instant.parse("2031-12-24T20:00:00Z"), null, null, "PUBLISHED", List.of());
        return EventJson.envelope(type, show.concertId().toString(), null, data, occurredAt);
    }

    static String waitlistTopic() {
        return ConfigProvider.getConfig().getValue("analytics.topic.waitlist-events", String.class);
    }

    private static String topicOf(EventEnvelope event) {
        if (event.type().startsWith("Waitlist")) {
            return waitlistTopic();
        }
        if (event.type().startsWith("Concert") || event.type().startsWith("Tier")) {
            return catalogTopic();
        }
        boolean payment = event.type().startsWith("Payment") || event.type().equals(EventTypes.REFUND_SUCCEEDED);
        return payment ? paymentTopic() : bookingTopic();
    }

    /** Sends to the topic the event type belongs to, and waits for the broker's acknowledgement. */
    static void send(EventEnvelope event) {
        sendRaw(topicOf(event), event.aggregateId(), EventJson.write(event));
    }

    /**
     * Sends records without waiting for each acknowledgement, then waits for all of them: a burst, so
     * that the consumer finds many of them in one poll.
     */
    static void sendBurst(List<ProducerRecord<String, String>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        records.forEach(r -> sent.add(producer().send(r)));
        producer().flush();
        try {
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record {@link #send} would send for the event. */
    static ProducerRecord<String, String> record(EventEnvelope event) {
        return new ProducerRecord<>(topicOf(event), event.aggregateId(), EventJson.write(event));
    }

    static void sendRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.LINGER_MS_CONFIG, 1,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }
}
