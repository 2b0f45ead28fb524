package com.tickets.notification;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.WaitlistData;
import com.tickets.infra.Infrastructure;
import io.agroal.api.AgroalDataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Booking and waitlist events as booking-api's outbox publishes them, a way to publish many at once, and
 * what the notifications table says of them.
 */
final class TestEvents {

    private TestEvents() {
    }

    /**
     * A booking event: {@code quantity} VIP tickets at 50.00 USD for a show at 20:00 on New Year's Eve 2026 in
     * London ("Royal Albert Hall, London", Europe/London).
     */
    static EventEnvelope booking(String type, String email, int quantity) {
        UUID booking = UUID.randomUUID();
        BookingData data = new BookingData(booking, UUID.randomUUID(), "The Test Show", Instant.parse("2026-12-31T20:00:00Z"),
                "Royal Albert Hall, London", "Europe/London", UUID.randomUUID(), "VIP", email, quantity,
                new BigDecimal("50.00"), new BigDecimal("50.00").multiply(BigDecimal.valueOf(quantity)), "USD", "CONFIRMED",
                Instant.now(), Instant.now().plusSeconds(600), type.equals("BookingConfirmed") ? null : "test", "organizer");
        return EventJson.envelope(type, booking.toString(), "key-" + booking, data, Instant.now());
    }

    /**
     * The same booking event as booking-api wrote it before booking events carried the venue: its data has no
     * {@code location} and no {@code timeZone} at all (not nulls: the fields did not exist).
     */
    static EventEnvelope bookingWithoutVenue(String type, String email, int quantity) {
        EventEnvelope event = booking(type, email, quantity);
        ((ObjectNode) event.data()).remove(List.of("location", "timeZone"));
        return event;
    }

    /**
     * A waitlist event of one entry (key and aggregate: the entry id): 2 VIP tickets at 50.00 USD for a
     * show at 20:00 on New Year's Eve 2026 in London, with the offer's window closing at {@code offerExpiresAt}.
     */
    static EventEnvelope waitlist(String type, UUID entryId, String email, String status, Instant offerExpiresAt) {
        WaitlistData data = new WaitlistData(entryId, UUID.randomUUID(), "The Waitlisted Show",
                Instant.parse("2026-12-31T20:00:00Z"), "Royal Albert Hall, London", "Europe/London", UUID.randomUUID(),
                "VIP", email, 2, new BigDecimal("50.00"), "USD", status, Instant.now().minusSeconds(3600), offerExpiresAt,
                null, "organizer");
        return EventJson.envelope(type, entryId.toString(), null, data, Instant.now());
    }

    static ProducerRecord<String, String> record(EventEnvelope event) {
        return new ProducerRecord<>("booking.events", event.aggregateId(), EventJson.write(event));
    }

    /**
     * Publishes the records from one producer without waiting between them, then waits for the
     * broker's acks: they reach the topic within moments, so the worker polls most of them together.
     */
    static void publishTogether(List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, 20))) {
            var acks = records.stream().map(producer::send).toList();
            producer.flush();
            for (var ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An event's row in the notifications table. */
    record Row(String status, int attempts, String messageId) {
    }

    /** The rows of one booking's events: a booking id, not an event id, so a stray second row would show. */
    static List<Row> rowsOfBooking(AgroalDataSource db, String bookingId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select status, attempts, message_id from notifications where booking_id = ?::uuid order by created_at")) {
            s.setString(1, bookingId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getInt(2), rs.getString(3)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of one waitlist entry's events. */
    static List<Row> rowsOfWaitlistEntry(AgroalDataSource db, UUID entryId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select status, attempts, message_id from notifications"
                     + " where waitlist_entry_id = ? order by created_at")) {
            s.setObject(1, entryId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getInt(2), rs.getString(3)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many of these bookings' mails are marked sent. */
    static int sentAmong(AgroalDataSource db, List<String> bookingIds) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select count(*) from notifications where booking_id = any(?::uuid[]) and status = 'SENT'")) {
            s.setArray(1, c.createArrayOf("text", bookingIds.toArray(String[]::new)));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
