package com.tickets.analytics.projection;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.WaitlistData;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What one waitlist event says about its entry's row in {@code waitlist_entries}: a point of a small
 * lattice joined with the stored row, like {@link FactChange} for a booking. The row is therefore a pure
 * function of the set of the entry's events applied, whatever their order and however often each came
 * (a retried event is read after later events of its entry):
 *
 * <ul>
 *   <li>{@code concertId}, {@code ticketTierId}, {@code organizer}, {@code quantity}: the first known
 *       (every event of one entry carries the same);</li>
 *   <li>{@code concertName}, {@code tierName}: those of the latest event ({@code namesAt}, its
 *       {@code occurredAt}, to the microsecond as PostgreSQL keeps it); an organizer may rename the show or the tier while the entry waits. Between
 *       two events of the same instant the greater name wins, so the rule is a join too;</li>
 *   <li>{@code status}: the higher rank ({@link WaitlistStatus});</li>
 *   <li>{@code offered}, {@code claimed}, {@code expired}: once true, true;</li>
 *   <li>{@code bookingId}: the first known (only a claim carries one).</li>
 * </ul>
 *
 * The flags say what happened to the entry, whichever event tells it: an offer was made to it when one of
 * the offer events is read, or a payload has an offer window ({@code offerExpiresAt}) or an offer's
 * status, so an entry that left while it held an offer still counts as offered; it claimed the offer on
 * {@code WaitlistOfferClaimed} or a CLAIMED status; it let the offer expire on {@code WaitlistOfferExpired}
 * or an EXPIRED status.
 */
public record WaitlistChange(UUID entryId, UUID concertId, UUID ticketTierId, String organizer, int quantity,
                             Instant namesAt, String concertName, String tierName, WaitlistStatus status,
                             boolean offered, boolean claimed, boolean expired, UUID bookingId) {

    public WaitlistChange {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(namesAt, "namesAt");
        Objects.requireNonNull(status, "status");
    }

    /** The change a waitlist event makes, or empty for any other event. */
    public static Optional<WaitlistChange> of(EventEnvelope event) {
        WaitlistStatus byType = switch (event.type()) {
            case EventTypes.WAITLIST_JOINED -> WaitlistStatus.WAITING;
            case EventTypes.WAITLIST_OFFER_MADE, EventTypes.WAITLIST_OFFER_EXPIRING -> WaitlistStatus.OFFERED;
            case EventTypes.WAITLIST_OFFER_CLAIMED -> WaitlistStatus.CLAIMED;
            case EventTypes.WAITLIST_OFFER_EXPIRED -> WaitlistStatus.EXPIRED;
            case EventTypes.WAITLIST_LEFT -> WaitlistStatus.LEFT;
            default -> null;
        };
        if (byType == null) {
            return Optional.empty();
        }
        WaitlistData w = data(event);
        require(w.entryId() != null && w.concertId() != null && w.ticketTierId() != null, event,
                "entryId, concertId and ticketTierId are required");
        require(w.concertName() != null && w.tierName() != null, event, "concertName and tierName are required");
        require(w.quantity() > 0, event, "quantity must be positive");
        require(event.occurredAt() != null, event, "occurredAt is required");
        // the entry after the change, as the event says; a status this projection does not know yet
        // (a newer producer's) is read from the event's type instead
        WaitlistStatus status = WaitlistStatus.named(w.status()).orElse(byType);
        boolean offerEvent = byType != WaitlistStatus.WAITING && byType != WaitlistStatus.LEFT;
        boolean offered = offerEvent || w.offerExpiresAt() != null || status == WaitlistStatus.OFFERED
                || status == WaitlistStatus.CLAIMED || status == WaitlistStatus.EXPIRED;
        boolean claimed = byType == WaitlistStatus.CLAIMED || status == WaitlistStatus.CLAIMED;
        boolean expired = byType == WaitlistStatus.EXPIRED || status == WaitlistStatus.EXPIRED;
        return Optional.of(new WaitlistChange(w.entryId(), w.concertId(), w.ticketTierId(), w.organizer(), w.quantity(),
                event.occurredAt().truncatedTo(ChronoUnit.MICROS), w.concertName(), w.tierName(), status, offered, claimed, expired, w.bookingId()));
    }

    /**
     * The join of two changes of one entry, by the rules the stored row is joined with
     * ({@code WaitlistEntriesSql.UPSERT_CHANGES}). Associative, commutative (for changes of one entry,
     * which carry the same ids, organizer and quantity) and idempotent, so a batch's changes of one
     * entry can be joined into one before they reach the row, in any order.
     */
    public WaitlistChange merge(WaitlistChange other) {
        if (!entryId.equals(other.entryId)) {
            throw new IllegalArgumentException("changes of two entries cannot be merged: " + entryId + ", " + other.entryId);
        }
        return new WaitlistChange(entryId, concertId != null ? concertId : other.concertId,
                ticketTierId != null ? ticketTierId : other.ticketTierId, organizer != null ? organizer : other.organizer,
                quantity > 0 ? quantity : other.quantity,
                namesAt.isAfter(other.namesAt) ? namesAt : other.namesAt,
                latest(namesAt, concertName, other.namesAt, other.concertName),
                latest(namesAt, tierName, other.namesAt, other.tierName),
                other.status.rank() > status.rank() ? other.status : status,
                offered || other.offered, claimed || other.claimed, expired || other.expired,
                bookingId != null ? bookingId : other.bookingId);
    }

    /** One change per entry (in the order the entries first appear), each the merge of that entry's changes. */
    public static List<WaitlistChange> foldByEntry(Collection<WaitlistChange> changes) {
        Map<UUID, WaitlistChange> byEntry = new LinkedHashMap<>();
        for (WaitlistChange change : changes) {
            byEntry.merge(change.entryId(), change, WaitlistChange::merge);
        }
        return new ArrayList<>(byEntry.values());
    }

    /** The name of the later event; of two at the same instant, the greater name (nulls lose). */
    static String latest(Instant at, String name, Instant otherAt, String otherName) {
        int when = at.compareTo(otherAt);
        if (when != 0) {
            return when > 0 ? name : otherName;
        }
        if (name == null || otherName == null) {
            return name != null ? name : otherName;
        }
        return byCodePoints(name, otherName) >= 0 ? name : otherName;
    }

    /** Code point order: PostgreSQL's {@code collate "C"} on UTF-8, which the upsert compares names with. */
    private static int byCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return Arrays.compare(x, y);
    }

    private static WaitlistData data(EventEnvelope event) {
        if (event.data() == null || event.data().isNull()) {
            throw new InvalidEventException(event.type(), event.type() + " " + event.id() + " has no data", null);
        }
        try {
            return EventJson.data(event, WaitlistData.class);
        } catch (RuntimeException e) {
            throw new InvalidEventException(event.type(), event.type() + " " + event.id() + " has unreadable data", e);
        }
    }

    private static void require(boolean condition, EventEnvelope event, String message) {
        if (!condition) {
            throw new InvalidEventException(event.type(), event.type() + " " + event.id() + ": " + message, null);
        }
    }
}
