package com.tickets.api.payment;

import com.tickets.api.booking.BookingStatus;
import com.tickets.applied.AppliedEvents;
import com.tickets.applied.AppliedEvents.Applied;
import com.tickets.api.concert.Inventory;
import com.tickets.api.concert.Inventory.GiveBack;
import com.tickets.api.outbox.Outbox;
import com.tickets.api.payment.Finalization.Change;
import com.tickets.api.payment.Finalization.Held;
import com.tickets.api.payment.Finalization.Plan;
import com.tickets.events.AvailabilityData;
import com.tickets.events.BookingData;
import com.tickets.events.EventTypes;
import com.tickets.events.signing.TicketCodes;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of payment outcomes in ONE transaction, with a handful of multi-row statements
 * whatever the batch's size:
 * <ol>
 *   <li>the event ids into {@code applied_events} ({@link AppliedEvents#recordNew}): the ids it
 *       returns are the new ones, every other outcome is a redelivery and changes nothing;</li>
 *   <li>the bookings they name, locked ({@code for update}, in id order, so that two batches wait for
 *       each other at most, never in a cycle);</li>
 *   <li>the decisions: {@link Finalization#decide}, in record order, pure;</li>
 *   <li>one UPDATE of all changed bookings, one INSERT of the ticket codes of the confirmed ones, one
 *       conditional UPDATE per tier giving back the tickets of the cancelled ones and one INSERT of their
 *       audit rows ({@link Inventory#giveBackForBatch}), one INSERT of the outbox rows
 *       ({@link Outbox#appendAll}): each booking's events in record order, then ONE
 *       {@code AvailabilityChanged} per tier with its availability after the batch.</li>
 * </ol>
 * Every event carries the trace of the outcome that caused it ({@link Change#traceparent()}): the batch
 * runs on the consumer's thread, in no single record's context.
 * Either all of it commits or none of it does: one JTA transaction, like every transaction of this
 * service. Plain JDBC on its connection, like the booking batches: Hibernate would issue one statement
 * per row.
 */
@ApplicationScoped
class OutcomeBatchWriter {

    static final String ACTOR = "payment-worker";

    private final AgroalDataSource db;
    private final Inventory inventory;
    private final Outbox outbox;
    private final TicketCodes codes;
    private final DistributionSummary batchSize;
    private final Counter holdsExtended;

    OutcomeBatchWriter(AgroalDataSource db, Inventory inventory, Outbox outbox, MeterRegistry registry,
                       @ConfigProperty(name = "booking.ticket-code.secret") String ticketCodeSecret) {
        this.db = db;
        this.inventory = inventory;
        this.outbox = outbox;
        this.codes = new TicketCodes(ticketCodeSecret);
        // a histogram (a poll's worth, at most max.poll.records = 200): its buckets add up across replicas
        this.batchSize = DistributionSummary.builder("payment.outcomes.batch.size")
                .description("Payment outcomes applied per transaction")
                .serviceLevelObjectives(1, 2, 5, 10, 25, 50, 100, 200).register(registry);
        this.holdsExtended = Counter.builder("booking.holds.extended")
                .description("Holds extended until a delayed payment's answer (PaymentDelayed)").register(registry);
    }

    /** A locked booking: its state for the decisions, and what its events say about it. */
    private record Locked(UUID id, Held held, UUID tierId, UUID concertId, String userEmail, int quantity,
                          BigDecimal totalPrice, String currency, String idempotencyKey, Instant createdAt,
                          Instant holdExpiresAt, String tierName, BigDecimal unitPrice, String concertName,
                          Instant concertDate, String organizer, String location, String timeZone) {
    }

    /** Applies the outcomes, in their order, in one JTA transaction; nothing is written if anything fails. */
    void write(List<PaymentOutcome> outcomes) {
        int extended = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = db.getConnection()) {
                return apply(c, outcomes);
            } catch (SQLException e) {
                throw new OutcomeWriteException(e);
            }
        });
        batchSize.record(outcomes.size());
        holdsExtended.increment(extended);
    }

    /** The batch's statements failed; its transaction is rolled back. The SQLException is its cause. */
    static final class OutcomeWriteException extends RuntimeException {
        OutcomeWriteException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Returns how many holds the batch extended. */
    private int apply(Connection c, List<PaymentOutcome> outcomes) throws SQLException {
        Set<UUID> fresh = recordApplied(c, outcomes);
        Set<UUID> named = new HashSet<>();
        for (PaymentOutcome o : outcomes) {
            if (fresh.contains(o.eventId()) && o.bookingId() != null && o.kind() != PaymentOutcome.Kind.OTHER) {
                named.add(o.bookingId());
            }
        }
        if (named.isEmpty()) {
            return 0;
        }
        Map<UUID, Locked> locked = lock(c, named);
        Map<UUID, Held> held = new HashMap<>();
        locked.forEach((id, b) -> held.put(id, b.held()));
        Plan plan = Finalization.decide(held, outcomes, fresh);
        if (plan.changes().isEmpty()) {
            return 0;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        updateBookings(c, plan, now);

        List<Outbox.Entry> events = new ArrayList<>();
        List<GiveBack> gives = new ArrayList<>();
        List<String> ticketCodes = new ArrayList<>();
        List<String> ticketBookings = new ArrayList<>();
        List<Integer> ticketNumbers = new ArrayList<>();
        Map<UUID, Locked> lastCancelledOfTier = new LinkedHashMap<>();
        Map<UUID, String> lastCancellationTrace = new HashMap<>();
        int extended = 0;
        for (Change change : plan.changes()) {
            Locked b = locked.get(change.bookingId());
            switch (change.kind()) {
                case CONFIRMED -> {
                    events.add(event(b, EventTypes.BOOKING_CONFIRMED, change, now));
                    List<String> all = codes.of(b.id(), b.quantity());
                    for (int n = 0; n < all.size(); n++) {
                        ticketCodes.add(all.get(n));
                        ticketBookings.add(b.id().toString());
                        ticketNumbers.add(n + 1);
                    }
                }
                case CANCELLED -> {
                    events.add(event(b, EventTypes.BOOKING_CANCELLED, change, now));
                    gives.add(new GiveBack(b.tierId(), b.id(), b.quantity(), change.traceparent()));
                    lastCancelledOfTier.put(b.tierId(), b);
                    lastCancellationTrace.put(b.tierId(), change.traceparent());
                }
                case REFUND_REQUESTED -> events.add(event(b, EventTypes.REFUND_REQUESTED, change, now));
                case REFUNDED -> {
                    // recorded on the booking only (the door check and the buyer's view read it)
                }
                case HOLD_EXTENDED -> extended++; // on the booking only: its hold_expires_at
            }
        }
        if (!ticketCodes.isEmpty()) {
            issueTicketCodes(c, ticketCodes, ticketBookings, ticketNumbers);
        }
        if (!gives.isEmpty()) {
            Map<UUID, Integer> left = inventory.giveBackForBatch(c, gives, Inventory.Reason.PAYMENT_FAILED, ACTOR);
            // availability is a state, not a delta: one event per tier, with what the batch left (and the
            // trace of the tier's last cancellation, like its idempotency key)
            lastCancelledOfTier.forEach((tierId, last) -> events.add(new Outbox.Entry(EventTypes.AGGREGATE_TICKET_TIER,
                    tierId.toString(), EventTypes.AVAILABILITY_CHANGED, last.idempotencyKey(),
                    new AvailabilityData(last.concertId(), tierId, left.get(tierId)), now, lastCancellationTrace.get(tierId))));
        }
        if (!events.isEmpty()) {
            outbox.appendAll(events);
        }
        return extended;
    }

    /** Records every event id of the batch; returns those recorded now for the first time. */
    private static Set<UUID> recordApplied(Connection c, List<PaymentOutcome> outcomes) throws SQLException {
        return AppliedEvents.recordNew(c, outcomes.stream().map(o -> Applied.of(o.eventId(), o.type())).toList());
    }

    /** Locks the bookings in id order and reads what the decisions and the events need. */
    private static Map<UUID, Locked> lock(Connection c, Set<UUID> ids) throws SQLException {
        Map<UUID, Locked> locked = new HashMap<>();
        try (var s = c.prepareStatement("""
                select b.id, b.status, b.refund_requested_at is not null, b.refunded_at is not null,
                       b.ticket_tier_id, b.concert_id, b.user_email, b.quantity, b.total_price, b.currency,
                       b.idempotency_key, b.created_at, b.hold_expires_at, t.name, t.price, c.name, c.date,
                       c.organizer, c.location, c.time_zone
                from bookings b join ticket_tiers t on t.id = b.ticket_tier_id join concerts c on c.id = t.concert_id
                where b.id = any(?::uuid[])
                order by b.id
                for update of b""")) {
            s.setArray(1, c.createArrayOf("text", ids.stream().map(UUID::toString).toArray(String[]::new)));
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    Held held = new Held(BookingStatus.valueOf(rs.getString(2)), rs.getBoolean(3), rs.getBoolean(4));
                    locked.put(id, new Locked(id, held, rs.getObject(5, UUID.class), rs.getObject(6, UUID.class),
                            rs.getString(7), rs.getInt(8), rs.getBigDecimal(9), rs.getString(10).trim(), rs.getString(11),
                            rs.getObject(12, OffsetDateTime.class).toInstant(), rs.getObject(13, OffsetDateTime.class).toInstant(),
                            rs.getString(14), rs.getBigDecimal(15), rs.getString(16),
                            rs.getObject(17, OffsetDateTime.class).toInstant(), rs.getString(18), rs.getString(19),
                            rs.getString(20)));
                }
            }
        }
        return locked;
    }

    /**
     * One UPDATE for every booking the plan changes: its final status ({@code updated_at} when that
     * changed), {@code refund_requested_at} and {@code refunded_at} when the batch set them (never
     * overwritten: they are set once), and {@code hold_expires_at} moved later when a delayed payment asks
     * for it (never earlier).
     */
    private static void updateBookings(Connection c, Plan plan, Instant now) throws SQLException {
        Map<UUID, boolean[]> what = new LinkedHashMap<>(); // status changed, refund requested, refunded
        Map<UUID, Instant> holdUntil = new HashMap<>();
        for (Change change : plan.changes()) {
            boolean[] w = what.computeIfAbsent(change.bookingId(), id -> new boolean[3]);
            switch (change.kind()) {
                case CONFIRMED, CANCELLED -> w[0] = true;
                case REFUND_REQUESTED -> w[1] = true;
                case REFUNDED -> w[2] = true;
                case HOLD_EXTENDED -> holdUntil.merge(change.bookingId(), change.holdUntil(),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        int n = what.size();
        String[] ids = new String[n];
        String[] statuses = new String[n];
        String[] updated = new String[n];
        String[] refundRequested = new String[n];
        String[] refunded = new String[n];
        String[] holds = new String[n];
        int i = 0;
        String at = now.toString();
        for (var e : what.entrySet()) {
            ids[i] = e.getKey().toString();
            statuses[i] = plan.after().get(e.getKey()).status().name();
            updated[i] = e.getValue()[0] ? at : null;
            refundRequested[i] = e.getValue()[1] ? at : null;
            refunded[i] = e.getValue()[2] ? at : null;
            Instant hold = holdUntil.get(e.getKey());
            holds[i] = hold == null ? null : hold.toString();
            i++;
        }
        try (var s = c.prepareStatement("""
                update bookings b
                set status = u.status,
                    updated_at = coalesce(u.updated::timestamptz, b.updated_at),
                    refund_requested_at = coalesce(b.refund_requested_at, u.refund_requested::timestamptz),
                    refunded_at = coalesce(b.refunded_at, u.refunded::timestamptz),
                    hold_expires_at = greatest(b.hold_expires_at, u.hold_until::timestamptz)
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                     as u(id, status, updated, refund_requested, refunded, hold_until)
                where b.id = u.id::uuid""")) {
            s.setArray(1, c.createArrayOf("text", ids));
            s.setArray(2, c.createArrayOf("text", statuses));
            s.setArray(3, c.createArrayOf("text", updated));
            s.setArray(4, c.createArrayOf("text", refundRequested));
            s.setArray(5, c.createArrayOf("text", refunded));
            s.setArray(6, c.createArrayOf("text", holds));
            if (s.executeUpdate() != n) {
                throw new IllegalStateException("bookings changed under their row locks");
            }
        }
    }

    /** The codes of every booking confirmed in the batch, in one INSERT (the same codes the mails carry). */
    private static void issueTicketCodes(Connection c, List<String> codes, List<String> bookings, List<Integer> numbers)
            throws SQLException {
        try (var s = c.prepareStatement("""
                insert into ticket_codes (code, booking_id, ticket_number)
                select k.code, k.booking_id::uuid, k.n from unnest(?::text[], ?::text[], ?::int[]) as k(code, booking_id, n)
                on conflict do nothing""")) {
            s.setArray(1, c.createArrayOf("text", codes.toArray(String[]::new)));
            s.setArray(2, c.createArrayOf("text", bookings.toArray(String[]::new)));
            s.setArray(3, c.createArrayOf("int4", numbers.toArray(Integer[]::new)));
            s.executeUpdate();
        }
    }

    private static Outbox.Entry event(Locked b, String type, Change change, Instant now) {
        BookingData data = new BookingData(b.id(), b.concertId(), b.concertName(), b.concertDate(), b.location(),
                b.timeZone(), b.tierId(), b.tierName(), b.userEmail(), b.quantity(), b.unitPrice(), b.totalPrice(),
                b.currency(), change.statusAfter().name(), b.createdAt(), b.holdExpiresAt(), change.reason(), b.organizer());
        return new Outbox.Entry(EventTypes.AGGREGATE_BOOKING, b.id().toString(), type, b.idempotencyKey(), data, now,
                change.traceparent());
    }
}
