package com.tickets.system.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.events.EventJson;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the databases, the mail server and the dashboard say about one scenario's concert at one moment,
 * read with plain SQL — never through the booking API, whose reads may change under other work: the
 * booking database (tier, bookings, inventory audit, outbox), the payment worker's copy of the gateway's
 * ledger, the notification worker's intents and sends, the mail server's own record ({@link SmtpSink}), the
 * projector's dashboard and the consumer groups' lag.
 */
final class Snapshot {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    record Booking(UUID id, String idempotencyKey, String status, int quantity, BigDecimal totalPrice,
                   Instant holdExpiresAt, Instant createdAt, Instant updatedAt, boolean refundRequested, boolean refunded) {
    }

    record Charge(String kind, boolean approved, BigDecimal amount, String reason) {
    }

    record Mail(UUID eventId, String kind, String status, int attempts, String messageId) {
    }

    record Audit(String reason, int delta, UUID bookingId) {
    }

    int totalQuantity;
    int availableQuantity;
    int offeredQuantity;
    final List<Booking> bookings = new ArrayList<>();
    final List<Audit> audit = new ArrayList<>();
    final List<String> duplicateKeys = new ArrayList<>();
    long unpublishedOutboxRows;
    final Map<UUID, List<Charge>> ledger = new HashMap<>();
    long owedRefunds;
    final Map<UUID, List<Mail>> mails = new HashMap<>();
    /** What the mail server accepted, by the event id in the Message-ID. */
    final Map<String, SmtpSink.Received> delivered = new HashMap<>();
    /** Revenue and tickets on the organizers' dashboard; empty if it could not be read. */
    Optional<BigDecimal> dashboardRevenue = Optional.empty();
    long dashboardTickets = -1;
    /** Records the stack's consumer groups have yet to process (-1: Kafka could not be asked). */
    long consumerLag = -1;
    final Instant takenAt = Instant.now();

    /** The cheap part of "settled", for polling: nothing of the tier PENDING, the outbox empty, every consumer caught up. */
    static boolean pipelineQuiet(FaultStack stack, Tier tier) throws Exception {
        Backlog backlog = Backlog.of(stack, tier);
        return backlog.pending() == 0 && backlog.unpublished() == 0
                && ConsumerLag.of(stack.kafkaBootstrapServers(), stack.topicsByGroup()) == 0;
    }

    /** What is still on its way, cheaply: PENDING bookings, unpublished outbox rows, each consumer group's lag. */
    static String progress(FaultStack stack, Tier tier) throws Exception {
        Backlog backlog = Backlog.of(stack, tier);
        Map<String, Long> lags = ConsumerLag.byGroup(stack.kafkaBootstrapServers(), stack.topicsByGroup());
        return "%d pending, %d outbox rows unpublished, lag %s".formatted(backlog.pending(), backlog.unpublished(),
                lags.isEmpty() ? "unknown (Kafka does not answer)" : lags);
    }

    /** The tier's PENDING bookings and the outbox rows not yet published, in one statement. */
    private record Backlog(long pending, long unpublished) {
        static Backlog of(FaultStack stack, Tier tier) throws Exception {
            try (Connection c = connect(stack.jdbcUrl("booking"));
                 var st = c.prepareStatement("select (select count(*) from bookings where ticket_tier_id = ? and status = 'PENDING'),"
                         + " (select count(*) from outbox where published_at is null)")) {
                st.setObject(1, tier.tierId());
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return new Backlog(rs.getLong(1), rs.getLong(2));
                }
            }
        }
    }

    static Snapshot take(FaultStack stack, Tier tier) throws Exception {
        Snapshot s = new Snapshot();
        try (Connection c = connect(stack.jdbcUrl("booking"))) {
            s.readBookingDatabase(c, tier);
        }
        UUID[] ids = s.bookings.stream().map(Booking::id).toArray(UUID[]::new);
        try (Connection c = connect(stack.jdbcUrl("payment"))) {
            try (var st = c.prepareStatement("select booking_id, kind, approved, amount, reason from gateway_ledger "
                    + "where booking_id = any(?)")) {
                st.setArray(1, c.createArrayOf("uuid", ids));
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        s.ledger.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                                .add(new Charge(rs.getString(2), rs.getBoolean(3), rs.getBigDecimal(4), rs.getString(5)));
                    }
                }
            }
            try (var st = c.prepareStatement("select count(*) from owed_refunds where booking_id = any(?)")) {
                st.setArray(1, c.createArrayOf("uuid", ids));
                try (var rs = st.executeQuery()) {
                    rs.next();
                    s.owedRefunds = rs.getLong(1);
                }
            }
        }
        try (Connection c = connect(stack.jdbcUrl("notification"));
             var st = c.prepareStatement("select event_id, booking_id, kind, status, attempts, message_id from notifications "
                     + "where booking_id = any(?)")) {
            st.setArray(1, c.createArrayOf("uuid", ids));
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    s.mails.computeIfAbsent(rs.getObject(2, UUID.class), k -> new ArrayList<>()).add(new Mail(
                            rs.getObject(1, UUID.class), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6)));
                }
            }
        }
        for (SmtpSink.Received r : stack.mailServer().received()) {
            s.delivered.put(SmtpSink.eventIdOf(r.messageId()), r);
        }
        s.readDashboard(stack, tier);
        s.consumerLag = ConsumerLag.of(stack.kafkaBootstrapServers(), stack.topicsByGroup());
        return s;
    }

    private void readBookingDatabase(Connection c, Tier tier) throws SQLException {
        try (var st = c.prepareStatement("select total_quantity, available_quantity, offered_quantity from ticket_tiers where id = ?")) {
            st.setObject(1, tier.tierId());
            try (var rs = st.executeQuery()) {
                rs.next();
                totalQuantity = rs.getInt(1);
                availableQuantity = rs.getInt(2);
                offeredQuantity = rs.getInt(3);
            }
        }
        try (var st = c.prepareStatement("select id, idempotency_key, status, quantity, total_price, hold_expires_at, created_at, "
                + "updated_at, refund_requested_at is not null, refunded_at is not null from bookings where ticket_tier_id = ?")) {
            st.setObject(1, tier.tierId());
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    bookings.add(new Booking(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getBigDecimal(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                            instant(rs.getTimestamp(8)), rs.getBoolean(9), rs.getBoolean(10)));
                }
            }
        }
        try (var st = c.prepareStatement("select reason, delta, booking_id from inventory_audit where ticket_tier_id = ?")) {
            st.setObject(1, tier.tierId());
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    audit.add(new Audit(rs.getString(1), rs.getInt(2), rs.getObject(3, UUID.class)));
                }
            }
        }
        try (var st = c.prepareStatement(
                "select idempotency_key from bookings where ticket_tier_id = ? group by idempotency_key having count(*) > 1")) {
            st.setObject(1, tier.tierId());
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    duplicateKeys.add(rs.getString(1));
                }
            }
        }
        try (var rs = c.createStatement().executeQuery("select count(*) from outbox where published_at is null")) {
            rs.next();
            unpublishedOutboxRows = rs.getLong(1);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private void readDashboard(FaultStack stack, Tier tier) {
        try {
            String auth = Base64.getEncoder().encodeToString("organizer:organizer".getBytes());
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(stack.analytics()
                            .resolve("/api/analytics/dashboard?concertId=" + tier.concertId()))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                JsonNode summary = EventJson.MAPPER.readTree(r.body()).get("summary");
                dashboardRevenue = Optional.of(summary.get("totalRevenue").decimalValue());
                dashboardTickets = summary.get("totalTicketsSold").asLong();
            }
        } catch (Exception e) {
            // the projector may be busy catching up; the dashboard then counts as not matching yet
        }
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    String describePipeline() {
        return "%d pending, %d outbox rows unpublished, consumer lag %d, %d refunds owed, dashboard %s / %d vs SQL %s / %d".formatted(
                withStatus("PENDING").size(), unpublishedOutboxRows, consumerLag, owedRefunds,
                dashboardRevenue.map(Object::toString).orElse("unreadable"), dashboardTickets, confirmedRevenue(),
                confirmedTickets());
    }

    List<Booking> withStatus(String status) {
        return bookings.stream().filter(b -> b.status().equals(status)).toList();
    }

    BigDecimal confirmedRevenue() {
        return withStatus("CONFIRMED").stream().map(Booking::totalPrice).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    long confirmedTickets() {
        return withStatus("CONFIRMED").stream().mapToLong(Booking::quantity).sum();
    }

    List<Charge> approvedCharges(Booking b) {
        return ledger.getOrDefault(b.id(), List.of()).stream().filter(c -> c.kind().equals("CHARGE") && c.approved()).toList();
    }

    boolean approvedCharge(Booking b) {
        return !approvedCharges(b).isEmpty();
    }

    /** The gateway gave the money back (an approved REFUND row in its ledger). */
    boolean refunded(Booking b) {
        return ledger.getOrDefault(b.id(), List.of()).stream().anyMatch(c -> c.kind().equals("REFUND") && c.approved());
    }

    List<Mail> confirmationMails(Booking b) {
        return mails.getOrDefault(b.id(), List.of()).stream().filter(m -> m.kind().equals("confirmation")).toList();
    }

    /** The confirmation mails of a booking the mail server accepted (each with the copies it got of it). */
    List<SmtpSink.Received> deliveredConfirmations(Booking b) {
        return confirmationMails(b).stream().map(m -> delivered.get(m.eventId().toString())).filter(r -> r != null).toList();
    }

    /** The latest moment a booking of the tier changed status (the database's clock, the machine's). */
    Optional<Instant> lastChange() {
        return bookings.stream().map(Booking::updatedAt).filter(t -> t != null).max(Instant::compareTo);
    }
}
