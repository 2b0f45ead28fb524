package com.tickets.api.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tickets.api.concert.Concert;
import com.tickets.api.concert.Inventory;
import com.tickets.api.concert.TicketTier;
import com.tickets.api.idempotency.IdempotencyCache;
import com.tickets.api.idempotency.IdempotencyKeyReusedProblem;
import com.tickets.api.outbox.Outbox;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.events.AvailabilityData;
import com.tickets.events.BookingData;
import com.tickets.events.EventTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * Takes tickets and records the booking, exactly once per idempotency key.
 *
 * <p>Layers of idempotency: Redis remembers finished answers (fast replay); the bookings table's
 * unique key is the truth. Two requests with one key that race both reach the database; the
 * second blocks on the first one's uncommitted key, finds it taken when the first commits, rolls
 * back its own ticket take and replays the first answer. Redis down changes nothing but speed.
 */
@ApplicationScoped
public class BookingService {

    private final EntityManager em;
    private final Inventory inventory;
    private final Outbox outbox;
    private final IdempotencyCache cache;
    private final ObjectMapper json;
    private final BookingMetrics metrics;
    private final Duration holdDuration;

    BookingService(EntityManager em, Inventory inventory, Outbox outbox, IdempotencyCache cache, ObjectMapper json,
                   BookingMetrics metrics, @ConfigProperty(name = "booking.hold-duration") Duration holdDuration) {
        this.em = em;
        this.inventory = inventory;
        this.outbox = outbox;
        this.cache = cache;
        this.json = json;
        this.metrics = metrics;
        this.holdDuration = holdDuration;
    }

    public BookingOutcome book(BookingCommand command) {
        String fingerprint = command.fingerprint();
        var remembered = cache.find(command.idempotencyKey());
        if (remembered.isPresent()) {
            if (!remembered.get().fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReusedProblem();
            }
            metrics.replayed();
            return new BookingOutcome(remembered.get().bookingId(), remembered.get().body(), true);
        }
        BookingOutcome outcome;
        try {
            outcome = QuarkusTransaction.requiringNew().call(() -> bookInTransaction(command, fingerprint));
        } catch (KeyTakenMeanwhile e) {
            outcome = QuarkusTransaction.requiringNew().call(() -> replayFromDatabase(command, fingerprint));
        }
        if (outcome.replayed()) {
            metrics.replayed();
        } else {
            metrics.created();
        }
        cache.remember(command.idempotencyKey(), new IdempotencyCache.Remembered(fingerprint, outcome.bookingId(), outcome.body()));
        return outcome;
    }

    private BookingOutcome bookInTransaction(BookingCommand command, String fingerprint) {
        // A finished earlier request: answer it without taking the tier's row lock.
        var earlier = Booking.findByIdempotencyKey(command.idempotencyKey());
        if (earlier.isPresent()) {
            return replay(earlier.get(), fingerprint);
        }
        TicketTier tier = TicketTier.<TicketTier>findByIdOptional(command.ticketTierId())
                .orElseThrow(() -> new NotFoundProblem("ticket tier", command.ticketTierId()));
        BigDecimal expectedTotal = tier.price.multiply(BigDecimal.valueOf(command.quantity()));
        if (!tier.currency.equals(command.currency()) || expectedTotal.compareTo(command.totalPrice()) != 0) {
            throw new PriceMismatchProblem(expectedTotal, tier.currency);
        }
        UUID bookingId = UUID.randomUUID();
        OptionalInt left = inventory.take(tier.id, command.quantity(), bookingId);
        if (left.isEmpty()) {
            throw new SoldOutProblem(tier.id, command.quantity(), inventory.available(tier.id));
        }

        Concert concert = tier.concert;
        Booking booking = new Booking();
        booking.id = bookingId;
        booking.ticketTierId = tier.id;
        booking.concertId = concert.id;
        booking.userEmail = command.userEmail();
        booking.quantity = command.quantity();
        booking.totalPrice = expectedTotal.setScale(2);
        booking.currency = tier.currency;
        booking.status = BookingStatus.PENDING;
        booking.idempotencyKey = command.idempotencyKey();
        booking.requestFingerprint = fingerprint;
        // microseconds: what PostgreSQL keeps, so a replay read back from the table is identical
        booking.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        booking.updatedAt = booking.createdAt;
        booking.holdExpiresAt = booking.createdAt.plus(holdDuration);
        if (!insertIfKeyIsNew(booking)) {
            throw new KeyTakenMeanwhile(); // rolls back the ticket take above
        }

        outbox.append(EventTypes.AGGREGATE_BOOKING, booking.id.toString(), EventTypes.BOOKING_CREATED,
                booking.idempotencyKey, bookingData(booking, tier, concert, null), booking.createdAt);
        outbox.append(EventTypes.AGGREGATE_TICKET_TIER, tier.id.toString(), EventTypes.AVAILABILITY_CHANGED,
                booking.idempotencyKey, new AvailabilityData(concert.id, tier.id, left.getAsInt()), booking.createdAt);
        return new BookingOutcome(booking.id, body(BookingView.asCreated(booking)), false);
    }

    /**
     * Inserts the booking unless its key exists. A concurrent insert of the same key makes this
     * wait for that transaction; if it commits, nothing is inserted here.
     */
    private boolean insertIfKeyIsNew(Booking b) {
        int inserted = em.createNativeQuery("""
                        insert into bookings (id, ticket_tier_id, concert_id, user_email, quantity, total_price, currency,
                                              status, idempotency_key, request_fingerprint, hold_expires_at, created_at, updated_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                        on conflict (idempotency_key) do nothing""")
                .setParameter(1, b.id).setParameter(2, b.ticketTierId).setParameter(3, b.concertId)
                .setParameter(4, b.userEmail).setParameter(5, b.quantity).setParameter(6, b.totalPrice)
                .setParameter(7, b.currency).setParameter(8, b.status.name()).setParameter(9, b.idempotencyKey)
                .setParameter(10, b.requestFingerprint).setParameter(11, b.holdExpiresAt)
                .setParameter(12, b.createdAt).setParameter(13, b.updatedAt)
                .executeUpdate();
        return inserted == 1;
    }

    private BookingOutcome replayFromDatabase(BookingCommand command, String fingerprint) {
        Booking earlier = Booking.findByIdempotencyKey(command.idempotencyKey())
                .orElseThrow(() -> new IllegalStateException("key conflict without a booking: " + command.idempotencyKey()));
        return replay(earlier, fingerprint);
    }

    private BookingOutcome replay(Booking earlier, String fingerprint) {
        if (!earlier.requestFingerprint.equals(fingerprint)) {
            throw new IdempotencyKeyReusedProblem();
        }
        return new BookingOutcome(earlier.id, body(BookingView.asCreated(earlier)), true);
    }

    static BookingData bookingData(Booking b, TicketTier tier, Concert concert, String reason) {
        return new BookingData(b.id, concert.id, concert.name, concert.date, tier.id, tier.name, b.userEmail,
                b.quantity, tier.price, b.totalPrice, b.currency, b.status.name(), b.createdAt, b.holdExpiresAt,
                reason);
    }

    private String body(BookingView view) {
        try {
            return json.writeValueAsString(new BookingView.OneResponse(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another request with the same key committed first; control flow only, so no stack trace. */
    static final class KeyTakenMeanwhile extends RuntimeException {
        KeyTakenMeanwhile() {
            super(null, null, false, false);
        }
    }
}
