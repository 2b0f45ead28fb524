package com.tickets.notification;

import com.tickets.observability.LatencyHistograms;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The notifications table: the intent to mail recorded before sending, marked sent after. A batch
 * costs three statements whatever its size: one insert for every intent, one update that claims the
 * mails still to send, one update that marks the sent ones. Each statement is timed
 * ({@code notifications.statements{statement}}, a histogram), which also counts the round trips.
 */
@ApplicationScoped
public class Notifications {

    /**
     * The row an event's mail gets. {@code bookingId} is null for a mail about no booking (a sign-in
     * link, a waitlist offer); {@code waitlistEntryId} is set for a waitlist mail only.
     */
    public record Intent(UUID eventId, UUID bookingId, UUID waitlistEntryId, String kind, String recipient,
                         String messageId) {
    }

    private final AgroalDataSource db;
    private final Timer intendTimer;
    private final Timer claimTimer;
    private final Timer markTimer;

    Notifications(AgroalDataSource db, MeterRegistry registry) {
        this.db = db;
        this.intendTimer = statementTimer(registry, "intend");
        this.claimTimer = statementTimer(registry, "claim");
        this.markTimer = statementTimer(registry, "mark-sent");
    }

    /** A batch statement's time, as a histogram (its buckets add up across replicas). */
    private static Timer statementTimer(MeterRegistry registry, String statement) {
        return Timer.builder("notifications.statements").tag("statement", statement)
                .description("Time of one statement of a batch of mails")
                .serviceLevelObjectives(LatencyHistograms.durations(1, 5, 10, 25, 50, 100, 250, 500, 1000, 5000))
                .register(registry);
    }

    /**
     * Records the intents (once per event id: an id met again keeps its first row) and returns the ids
     * whose mail still has to be sent: those not marked sent yet, each counted as one more attempt.
     */
    public Set<UUID> intend(Collection<Intent> intents) {
        if (intents.isEmpty()) {
            return Set.of();
        }
        Map<UUID, Intent> byId = new LinkedHashMap<>();
        intents.forEach(i -> byId.putIfAbsent(i.eventId(), i));
        // in event id order, so that two batches holding the same events (a redelivery racing a retry)
        // take the primary key's locks in the same order
        List<Intent> rows = byId.values().stream().sorted(Comparator.comparing(Intent::eventId)).toList();
        int n = rows.size();
        String[] ids = new String[n];
        String[] bookings = new String[n];
        String[] entries = new String[n];
        String[] kinds = new String[n];
        String[] recipients = new String[n];
        String[] messageIds = new String[n];
        for (int i = 0; i < n; i++) {
            Intent row = rows.get(i);
            ids[i] = row.eventId().toString();
            bookings[i] = row.bookingId() == null ? null : row.bookingId().toString();
            entries[i] = row.waitlistEntryId() == null ? null : row.waitlistEntryId().toString();
            kinds[i] = row.kind();
            recipients[i] = row.recipient();
            messageIds[i] = row.messageId();
        }
        try (Connection c = db.getConnection()) {
            long start = System.nanoTime();
            try (PreparedStatement s = c.prepareStatement("""
                    insert into notifications (event_id, booking_id, waitlist_entry_id, kind, recipient, message_id, status)
                    select e.id::uuid, e.booking::uuid, e.entry::uuid, e.kind, e.recipient, e.message_id, 'PENDING'
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
                         as e(id, booking, entry, kind, recipient, message_id, ord)
                    order by e.ord
                    on conflict (event_id) do nothing""")) {
                s.setArray(1, c.createArrayOf("text", ids));
                s.setArray(2, c.createArrayOf("text", bookings));
                s.setArray(3, c.createArrayOf("text", entries));
                s.setArray(4, c.createArrayOf("text", kinds));
                s.setArray(5, c.createArrayOf("text", recipients));
                s.setArray(6, c.createArrayOf("text", messageIds));
                s.executeUpdate();
            } finally {
                intendTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            // attempts counts sends, not deliveries: a redelivered event whose mail is already sent
            // (the relay publishes at least once) leaves its row alone
            start = System.nanoTime();
            Set<UUID> toSend = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("""
                    update notifications set attempts = attempts + 1
                    where event_id = any(?::uuid[]) and status = 'PENDING'
                    returning event_id""")) {
                s.setArray(1, c.createArrayOf("text", ids));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        toSend.add(rs.getObject(1, UUID.class));
                    }
                }
            } finally {
                claimTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
            return toSend;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks these events' mails sent; a row already marked keeps the time of its first send. */
    public void markSent(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        String[] ids = eventIds.stream().sorted().map(UUID::toString).toArray(String[]::new);
        long start = System.nanoTime();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "update notifications set status = 'SENT', sent_at = now() where event_id = any(?::uuid[]) and status = 'PENDING'")) {
            s.setArray(1, c.createArrayOf("text", ids));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            markTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
