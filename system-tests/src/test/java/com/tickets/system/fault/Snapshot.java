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
 * What the databases (and the dashboard) say about one scenario's concert at one moment, read with
 * plain SQL — never through the booking API, whose reads may change under other work.
 */
final class Snapshot {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    record Booking(UUID id, String idempotencyKey, String status, int quantity, BigDecimal totalPrice,
                   Instant holdExpiresAt) {
    }

    record Charge(String kind, boolean approved) {
    }

    record Mail(String kind, String status, int attempts) {
    }

    int totalQuantity;
    int availableQuantity;
    final List<Booking> bookings = new ArrayList<>();
    final List<String> duplicateKeys = new ArrayList<>();
    long unpublishedOutboxRows;
    final Map<UUID, List<Charge>> ledger = new HashMap<>();
    final Map<UUID, List<Mail>> mails = new HashMap<>();
    /** Revenue and tickets on the organizers' dashboard; empty if it could not be read. */
    Optional<BigDecimal> dashboardRevenue = Optional.empty();
    long dashboardTickets = -1;
    /** Records the stack's consumer groups have yet to process (-1: Kafka could not be asked). */
    long consumerLag = -1;
    final Instant takenAt = Instant.now();

    static Snapshot take(FaultStack stack, Tier tier) throws Exception {
        Snapshot s = new Snapshot();
        try (Connection c = connect(stack.jdbcUrl("booking"))) {
            s.readBookingDatabase(c, tier);
        }
        try (Connection c = connect(stack.jdbcUrl("payment"));
             var rs = c.createStatement().executeQuery("select booking_id, kind, approved from gateway_ledger")) {
            while (rs.next()) {
                s.ledger.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new Charge(rs.getString(2), rs.getBoolean(3)));
            }
        }
        try (Connection c = connect(stack.jdbcUrl("notification"));
             var rs = c.createStatement().executeQuery("select booking_id, kind, status, attempts from notifications")) {
            while (rs.next()) {
                s.mails.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new Mail(rs.getString(2), rs.getString(3), rs.getInt(4)));
            }
        }
        s.readDashboard(stack, tier);
        s.consumerLag = ConsumerLag.of(stack.topicsByGroup());
        return s;
    }

    private void readBookingDatabase(Connection c, Tier tier) throws SQLException {
        try (var st = c.prepareStatement("select total_quantity, available_quantity from ticket_tiers where id = ?")) {
            st.setObject(1, tier.tierId());
            try (var rs = st.executeQuery()) {
                rs.next();
                totalQuantity = rs.getInt(1);
                availableQuantity = rs.getInt(2);
            }
        }
        try (var st = c.prepareStatement("select id, idempotency_key, status, quantity, total_price, hold_expires_at "
                + "from bookings where ticket_tier_id = ?")) {
            st.setObject(1, tier.tierId());
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    bookings.add(new Booking(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getBigDecimal(5), rs.getTimestamp(6).toInstant()));
                }
            }
        }
        try (var rs = c.createStatement().executeQuery(
                "select idempotency_key from bookings group by idempotency_key having count(*) > 1")) {
            while (rs.next()) {
                duplicateKeys.add(rs.getString(1));
            }
        }
        try (var rs = c.createStatement().executeQuery("select count(*) from outbox where published_at is null")) {
            rs.next();
            unpublishedOutboxRows = rs.getLong(1);
        }
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

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    String describePipeline() {
        return "%d pending, %d outbox rows unpublished, consumer lag %d, dashboard %s / %d vs SQL %s / %d".formatted(
                withStatus("PENDING").size(), unpublishedOutboxRows, consumerLag,
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

    boolean approvedCharge(Booking b) {
        return ledger.getOrDefault(b.id(), List.of()).stream().anyMatch(c -> c.kind().equals("CHARGE") && c.approved());
    }

    boolean refunded(Booking b) {
        return ledger.getOrDefault(b.id(), List.of()).stream().anyMatch(c -> c.kind().equals("REFUND"));
    }

    List<Mail> confirmationMails(Booking b) {
        return mails.getOrDefault(b.id(), List.of()).stream().filter(m -> m.kind().equals("confirmation")).toList();
    }
}
