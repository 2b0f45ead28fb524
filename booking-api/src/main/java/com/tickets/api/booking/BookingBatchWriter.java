package com.tickets.api.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tickets.api.concert.Inventory;
import com.tickets.api.concert.Inventory.LockedTier;
import com.tickets.api.concert.Inventory.Take;
import com.tickets.api.concert.SoldOutTiers;
import com.tickets.api.booking.BookingBatchDecision.Book;
import com.tickets.api.booking.BookingBatchDecision.Decision;
import com.tickets.api.booking.BookingBatchDecision.Refuse;
import com.tickets.api.booking.BookingBatchDecision.ReplayEarlier;
import com.tickets.api.booking.BookingBatchDecision.ReplayInBatch;
import com.tickets.api.outbox.Outbox;
import com.tickets.events.AvailabilityData;
import com.tickets.events.BookingData;
import com.tickets.events.EventTypes;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Books a batch of requests for one tier in ONE transaction: one row lock, one conditional UPDATE,
 * one multi-row INSERT per table, one commit (one WAL flush) for all of them. Each request still
 * gets its own answer, decided by {@link BookingBatchDecision} in arrival order exactly as if the
 * requests had come one by one; this class reads and writes the rows around that decision.
 *
 * <p>Plain JDBC rather than Hibernate: the batch is a handful of set-based statements (arrays
 * unnested into multi-row INSERTs), which the ORM would turn into one statement per row.
 */
@ApplicationScoped
class BookingBatchWriter {

    /** Attempts before giving up when other replicas keep inserting this batch's keys first. */
    private static final int MAX_ATTEMPTS = 5;

    private final AgroalDataSource db;
    private final Inventory inventory;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Duration holdDuration;
    private final SoldOutTiers soldOut;

    BookingBatchWriter(AgroalDataSource db, Inventory inventory, Outbox outbox, ObjectMapper json,
                       HoldConfig hold, SoldOutTiers soldOut) {
        this.soldOut = soldOut;
        this.db = db;
        this.inventory = inventory;
        this.outbox = outbox;
        this.json = json;
        this.holdDuration = hold.duration();
    }

    /**
     * The answer to each request of the batch, in the same order. Each attempt is a JTA transaction
     * of its own (the service's one transaction style), its statements on the transaction's connection.
     * A tier sold out a moment ago ({@link SoldOutTiers}) is answered from its keys alone: the replays
     * get their bookings, everybody else the sold-out (or price) refusal, and no row is locked.
     */
    List<BatchAnswer> write(UUID tierId, List<PendingBooking> batch) {
        Optional<LockedTier> soldOutTier = soldOut.soldOut(tierId);
        if (soldOutTier.isPresent()) {
            return QuarkusTransaction.requiringNew().call(() -> {
                try (Connection c = db.getConnection()) {
                    return decideWithoutTaking(c, soldOutTier.get(), batch);
                }
            });
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Written written;
            try {
                written = QuarkusTransaction.requiringNew().call(() -> {
                    try (Connection c = db.getConnection()) {
                        return attempt(c, tierId, batch, Optional.empty()).orElseThrow(KeyTakenMeanwhile::new);
                    }
                });
            } catch (KeyTakenMeanwhile e) {
                // another replica committed one of these keys between our look-up and our insert: start
                // over (this attempt rolled back); the look-up now finds it and answers that request as a replay
                continue;
            }
            written.tier().filter(tier -> written.left() == 0).ifPresent(soldOut::markSoldOut);
            return written.answers();
        }
        throw new IllegalStateException("idempotency keys kept colliding for tier " + tierId);
    }

    /**
     * Books one request with tickets held for it ({@link HeldTickets}: a waitlist offer), in one transaction
     * with the hold's end, through the same decision and statements as a batch. A replay of its key answers
     * the booking it made; a refusal (price, sales window) rolls the hold's release back with it.
     */
    BatchAnswer writeHeld(PendingBooking request, HeldTickets held) {
        UUID tierId = request.command().ticketTierId();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    try (Connection c = db.getConnection()) {
                        BatchAnswer answer = attempt(c, tierId, List.of(request), Optional.of(held))
                                .orElseThrow(KeyTakenMeanwhile::new).answers().get(0);
                        if (answer instanceof BatchAnswer.Refused refused) {
                            throw refused.problem(); // rolls the hold's release back
                        }
                        return answer;
                    }
                });
            } catch (KeyTakenMeanwhile e) {
                // as in a batch: the next attempt finds the key and replays it
            }
        }
        throw new IllegalStateException("the idempotency key kept colliding for tier " + tierId);
    }

    /**
     * An insert found one of the batch's keys taken by another replica's commit: thrown to roll the attempt
     * back (a transaction marked rollback-only would fail its commit with an exception of its own instead).
     */
    private static final class KeyTakenMeanwhile extends RuntimeException {
        KeyTakenMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** A committed batch: its answers, and the tier as locked with what the batch left of it. */
    private record Written(List<BatchAnswer> answers, Optional<LockedTier> tier, int left) {
    }

    /** The batch decided against a tier with nothing left: one look-up of its keys, nothing written. */
    private List<BatchAnswer> decideWithoutTaking(Connection c, LockedTier soldOutTier, List<PendingBooking> batch)
            throws SQLException {
        Map<String, Booking> known = findByKeys(c, batch.stream().map(PendingBooking::key).distinct().toList());
        Map<String, String> earlier = new HashMap<>();
        known.forEach((key, booking) -> earlier.put(key, booking.requestFingerprint));
        List<Decision> decisions = BookingBatchDecision.decide(soldOutTier.id(), Optional.of(soldOutTier), earlier,
                batch.stream().map(BookingBatchDecision.Request::of).toList(), Instant.now());
        List<BatchAnswer> answers = new ArrayList<>(batch.size());
        for (Decision decision : decisions) {
            if (decision instanceof ReplayEarlier replay) {
                Booking booking = known.get(replay.key());
                answers.add(new BatchAnswer.Booked(new BookingOutcome(booking.id, body(booking), true)));
            } else if (decision instanceof Refuse refuse) {
                answers.add(new BatchAnswer.Refused(refuse.problem()));
            } else {
                throw new IllegalStateException("a sold-out tier decided " + decision); // nothing is left to book
            }
        }
        return answers;
    }

    /**
     * One try at the batch; empty when an insert found one of its keys already taken (nothing committed). With
     * {@code held}, the batch is one request that books the held tickets, unless its key was booked before.
     */
    private Optional<Written> attempt(Connection c, UUID tierId, List<PendingBooking> batch, Optional<HeldTickets> held)
            throws SQLException {
        Optional<LockedTier> locked = inventory.lockForBatch(c, tierId);
        Map<String, Booking> known = findByKeys(c, batch.stream().map(PendingBooking::key).distinct().toList());
        Map<String, String> earlier = new HashMap<>();
        known.forEach((key, booking) -> earlier.put(key, booking.requestFingerprint));
        if (held.isPresent() && known.isEmpty() && locked.isPresent()) {
            int released = held.get().release(c, locked.get());
            locked = Optional.of(locked.get().withAvailable(locked.get().available() + released));
        }
        List<Decision> decisions = BookingBatchDecision.decide(tierId, locked, earlier,
                batch.stream().map(BookingBatchDecision.Request::of).toList(), Instant.now());

        List<BatchAnswer> answers = new ArrayList<>(batch.size());
        List<Booking> created = new ArrayList<>();
        List<String> traceparents = new ArrayList<>();
        List<Take> takes = new ArrayList<>();
        BookingOutcome[] bookedHere = new BookingOutcome[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Decision decision = decisions.get(i);
            if (decision instanceof Book book) {
                Booking booking = newBooking(locked.orElseThrow(), batch.get(i), book.total());
                created.add(booking);
                traceparents.add(batch.get(i).traceparent());
                takes.add(new Take(booking.id, book.quantity(), book.availableAfter()));
                bookedHere[i] = new BookingOutcome(booking.id, body(booking), false);
                answers.add(new BatchAnswer.Booked(bookedHere[i]));
            } else if (decision instanceof ReplayInBatch replay) {
                BookingOutcome first = bookedHere[replay.index()];
                answers.add(new BatchAnswer.Booked(new BookingOutcome(first.bookingId(), first.body(), true)));
            } else if (decision instanceof ReplayEarlier replay) {
                Booking booking = known.get(replay.key());
                answers.add(new BatchAnswer.Booked(new BookingOutcome(booking.id, body(booking), true)));
            } else if (decision instanceof Refuse refuse) {
                answers.add(new BatchAnswer.Refused(refuse.problem()));
            }
        }
        int left = takes.isEmpty() ? locked.map(LockedTier::available).orElse(0) : takes.get(takes.size() - 1).availableAfter();
        if (created.isEmpty()) {
            return Optional.of(new Written(answers, locked, left));
        }
        if (insertBookings(c, created) < created.size()) {
            return Optional.empty();
        }
        inventory.takeForBatch(c, tierId, takes);
        outbox.appendAll(events(locked.get(), created, traceparents, takes));
        if (held.isPresent()) {
            held.get().booked(c, created.get(0).id);
        }
        return Optional.of(new Written(answers, locked, left));
    }

    private Booking newBooking(LockedTier tier, PendingBooking request, BigDecimal expectedTotal) {
        Booking booking = new Booking();
        booking.id = UUID.randomUUID();
        booking.ticketTierId = tier.id();
        booking.concertId = tier.concertId();
        booking.userEmail = request.command().userEmail();
        booking.quantity = request.command().quantity();
        booking.totalPrice = expectedTotal;
        booking.currency = tier.currency();
        booking.status = BookingStatus.PENDING;
        booking.idempotencyKey = request.key();
        booking.requestFingerprint = request.fingerprint();
        // microseconds: what PostgreSQL keeps, so a replay read back from the table is identical
        booking.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        booking.updatedAt = booking.createdAt;
        booking.holdExpiresAt = booking.createdAt.plus(holdDuration);
        return booking;
    }

    /**
     * One {@code BookingCreated} per booking, and ONE {@code AvailabilityChanged} for the batch: the
     * tier's availability after its last booking (it carries that booking's key and time).
     * Availability is a state, not a delta, so consumers lose nothing by not seeing the values in
     * between, and a crowd on one tier no longer doubles the relay's, Kafka's and every SSE
     * replica's work. Each event carries the trace of the request it answers (the batch's last, for
     * the availability): this thread is a batch writer's, in no request's context.
     */
    private static List<Outbox.Entry> events(LockedTier tier, List<Booking> created, List<String> traceparents,
                                             List<Take> takes) {
        List<Outbox.Entry> entries = new ArrayList<>(created.size() + 1);
        for (int i = 0; i < created.size(); i++) {
            Booking b = created.get(i);
            BookingData data = new BookingData(b.id, tier.concertId(), tier.concertName(), tier.concertDate(),
                    tier.location(), tier.timeZone(), tier.id(), tier.name(), b.userEmail, b.quantity, tier.price(),
                    b.totalPrice, b.currency, b.status.name(), b.createdAt, b.holdExpiresAt, null, tier.organizer());
            entries.add(new Outbox.Entry(EventTypes.AGGREGATE_BOOKING, b.id.toString(), EventTypes.BOOKING_CREATED,
                    b.idempotencyKey, data, b.createdAt, traceparents.get(i)));
        }
        Booking last = created.get(created.size() - 1);
        entries.add(new Outbox.Entry(EventTypes.AGGREGATE_TICKET_TIER, tier.id().toString(),
                EventTypes.AVAILABILITY_CHANGED, last.idempotencyKey,
                new AvailabilityData(tier.concertId(), tier.id(), takes.get(takes.size() - 1).availableAfter()),
                last.createdAt, traceparents.get(traceparents.size() - 1)));
        return entries;
    }

    /** Inserts the new bookings unless their keys exist; a concurrent insert of a key makes this wait for its transaction. */
    private static int insertBookings(Connection c, List<Booking> bookings) throws SQLException {
        try (var s = c.prepareStatement("""
                insert into bookings (id, ticket_tier_id, concert_id, user_email, quantity, total_price, currency, status,
                                      idempotency_key, request_fingerprint, hold_expires_at, created_at, updated_at)
                select b.id::uuid, b.tier::uuid, b.concert::uuid, b.email, b.quantity, b.total::numeric, b.currency,
                       'PENDING', b.key, b.fingerprint, b.hold::timestamptz, b.created::timestamptz, b.created::timestamptz
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[])
                     as b(id, tier, concert, email, quantity, total, currency, key, fingerprint, hold, created)
                on conflict (idempotency_key) do nothing""")) {
            s.setArray(1, c.createArrayOf("text", bookings.stream().map(b -> b.id.toString()).toArray()));
            s.setArray(2, c.createArrayOf("text", bookings.stream().map(b -> b.ticketTierId.toString()).toArray()));
            s.setArray(3, c.createArrayOf("text", bookings.stream().map(b -> b.concertId.toString()).toArray()));
            s.setArray(4, c.createArrayOf("text", bookings.stream().map(b -> b.userEmail).toArray()));
            s.setArray(5, c.createArrayOf("int4", bookings.stream().map(b -> b.quantity).toArray()));
            s.setArray(6, c.createArrayOf("text", bookings.stream().map(b -> b.totalPrice.toPlainString()).toArray()));
            s.setArray(7, c.createArrayOf("text", bookings.stream().map(b -> b.currency).toArray()));
            s.setArray(8, c.createArrayOf("text", bookings.stream().map(b -> b.idempotencyKey).toArray()));
            s.setArray(9, c.createArrayOf("text", bookings.stream().map(b -> b.requestFingerprint).toArray()));
            s.setArray(10, c.createArrayOf("text", bookings.stream().map(b -> b.holdExpiresAt.toString()).toArray()));
            s.setArray(11, c.createArrayOf("text", bookings.stream().map(b -> b.createdAt.toString()).toArray()));
            return s.executeUpdate();
        }
    }

    private static Map<String, Booking> findByKeys(Connection c, List<String> keys) throws SQLException {
        Map<String, Booking> found = new HashMap<>();
        try (var s = c.prepareStatement("""
                select id, ticket_tier_id, concert_id, user_email, quantity, total_price, currency, idempotency_key,
                       request_fingerprint, hold_expires_at, created_at
                from bookings where idempotency_key = any(?)""")) {
            s.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    Booking b = new Booking();
                    b.id = rs.getObject(1, UUID.class);
                    b.ticketTierId = rs.getObject(2, UUID.class);
                    b.concertId = rs.getObject(3, UUID.class);
                    b.userEmail = rs.getString(4);
                    b.quantity = rs.getInt(5);
                    b.totalPrice = rs.getBigDecimal(6);
                    b.currency = rs.getString(7).trim();
                    b.idempotencyKey = rs.getString(8);
                    b.requestFingerprint = rs.getString(9);
                    b.holdExpiresAt = rs.getObject(10, OffsetDateTime.class).toInstant();
                    b.createdAt = rs.getObject(11, OffsetDateTime.class).toInstant();
                    found.put(b.idempotencyKey, b);
                }
            }
        }
        return found;
    }

    /** The response body of the first, successful request for this booking; a replay repeats it byte for byte. */
    private String body(Booking booking) {
        try {
            return json.writeValueAsString(new BookingView.OneResponse(BookingView.asCreated(booking)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
