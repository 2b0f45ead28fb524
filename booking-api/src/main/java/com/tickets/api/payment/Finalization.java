package com.tickets.api.payment;

import com.tickets.api.booking.BookingStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The transition table of payment outcomes (docs/architecture.md, "Finalization"), as a pure function
 * of the bookings' states and a batch of outcomes: no database, no clock. {@link OutcomeBatchWriter}
 * reads and locks the bookings, asks {@link #decide}, and writes what it answers.
 *
 * <ul>
 *   <li>{@code PaymentSucceeded}: PENDING → CONFIRMED; CANCELLED / EXPIRED → a refund is requested, once;
 *       CONFIRMED → nothing (a duplicate).</li>
 *   <li>{@code PaymentFailed}: PENDING → CANCELLED, tickets back; otherwise nothing. Without the gateway's
 *       answer ({@code outcomeUnknown}) a booking that is not CONFIRMED is also refunded, once.</li>
 *   <li>{@code RefundSucceeded}: the refund is recorded, once.</li>
 *   <li>{@code PaymentDelayed}: PENDING → still PENDING, its hold lasts at least until the delay's
 *       {@code answerBy}; otherwise nothing.</li>
 * </ul>
 *
 * Outcomes are decided in record order, each against the state the previous ones left, exactly as if
 * they had come one by one; an event id seen before (in an earlier batch, or earlier in this one) changes
 * nothing.
 */
public final class Finalization {

    private Finalization() {
    }

    /** What the decisions need to know of a booking. */
    public record Held(BookingStatus status, boolean refundRequested, boolean refunded) {
        Held with(BookingStatus to) {
            return new Held(to, refundRequested, refunded);
        }

        Held withRefundRequested() {
            return new Held(status, true, refunded);
        }

        Held withRefunded() {
            return new Held(status, refundRequested, true);
        }
    }

    /**
     * One change to write: which booking, what happens to it, its status afterwards, why (for the event),
     * the trace of the outcome that caused it (its events carry it; null without one), and for a
     * {@link Kind#HOLD_EXTENDED} the moment the hold lasts until at least (null otherwise).
     */
    public record Change(UUID bookingId, Kind kind, BookingStatus statusAfter, String reason, String traceparent,
                         Instant holdUntil) {

        /** A change caused by an outcome without a trace. */
        public Change(UUID bookingId, Kind kind, BookingStatus statusAfter, String reason) {
            this(bookingId, kind, statusAfter, reason, null, null);
        }

        public Change(UUID bookingId, Kind kind, BookingStatus statusAfter, String reason, String traceparent) {
            this(bookingId, kind, statusAfter, reason, traceparent, null);
        }

        public enum Kind {
            /** PENDING → CONFIRMED: {@code BookingConfirmed}, ticket codes */
            CONFIRMED,
            /** PENDING → CANCELLED by a failed payment: tickets back, {@code BookingCancelled} */
            CANCELLED,
            /** {@code refund_requested_at} set, {@code RefundRequested} */
            REFUND_REQUESTED,
            /** {@code refunded_at} set */
            REFUNDED,
            /** {@code hold_expires_at} moved to {@link #holdUntil()}, if that is later: the payment is delayed */
            HOLD_EXTENDED
        }
    }

    /** The changes in record order, and every booking's state after the batch. */
    public record Plan(List<Change> changes, Map<UUID, Held> after) {
        /** The bookings the plan changes, in the order of their first change. */
        public Collection<UUID> changedBookings() {
            Set<UUID> changed = new LinkedHashSet<>();
            changes.forEach(c -> changed.add(c.bookingId()));
            return changed;
        }
    }

    /**
     * Decides a batch.
     *
     * @param bookings    the bookings the outcomes name, as they are now (a booking not in it is unknown:
     *                    its outcomes change nothing)
     * @param outcomes    the batch, in record order
     * @param newEventIds the event ids not applied before (the ones {@code applied_events} took in this
     *                    transaction); the others are redeliveries
     */
    public static Plan decide(Map<UUID, Held> bookings, List<PaymentOutcome> outcomes, Set<UUID> newEventIds) {
        Map<UUID, Held> state = new LinkedHashMap<>(bookings);
        List<Change> changes = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (PaymentOutcome outcome : outcomes) {
            if (!newEventIds.contains(outcome.eventId()) || !seen.add(outcome.eventId())) {
                continue; // applied before, or a copy of one earlier in this batch
            }
            Held b = outcome.bookingId() == null ? null : state.get(outcome.bookingId());
            if (b == null) {
                continue;
            }
            UUID id = outcome.bookingId();
            switch (outcome.kind()) {
                case SUCCEEDED -> {
                    switch (b.status()) {
                        case PENDING -> {
                            b = b.with(BookingStatus.CONFIRMED);
                            changes.add(new Change(id, Change.Kind.CONFIRMED, b.status(), null, outcome.traceparent()));
                        }
                        case CANCELLED, EXPIRED -> b = refundOnce(id, b, changes,
                                "payment arrived after the booking was " + b.status().name().toLowerCase(), outcome);
                        case CONFIRMED -> {
                            // a second success: already confirmed
                        }
                    }
                }
                case FAILED -> {
                    if (b.status() == BookingStatus.PENDING) {
                        b = b.with(BookingStatus.CANCELLED);
                        changes.add(new Change(id, Change.Kind.CANCELLED, b.status(), "payment failed: " + outcome.reason(),
                                outcome.traceparent()));
                    }
                    if (outcome.outcomeUnknown() && b.status() != BookingStatus.CONFIRMED) {
                        b = refundOnce(id, b, changes,
                                "payment outcome unknown (" + outcome.reason() + "): any charge is returned", outcome);
                    }
                }
                case REFUNDED -> {
                    if (!b.refunded()) {
                        b = b.withRefunded();
                        changes.add(new Change(id, Change.Kind.REFUNDED, b.status(), null, outcome.traceparent()));
                    }
                }
                case DELAYED -> {
                    if (b.status() == BookingStatus.PENDING) {
                        changes.add(new Change(id, Change.Kind.HOLD_EXTENDED, b.status(), outcome.reason(),
                                outcome.traceparent(), outcome.answerBy()));
                    }
                }
                case OTHER -> {
                    // future types: nothing to change in a booking
                }
            }
            state.put(id, b);
        }
        return new Plan(List.copyOf(changes), state);
    }

    private static Held refundOnce(UUID id, Held b, List<Change> changes, String reason, PaymentOutcome cause) {
        if (b.refundRequested()) {
            return b;
        }
        changes.add(new Change(id, Change.Kind.REFUND_REQUESTED, b.status(), reason, cause.traceparent()));
        return b.withRefundRequested();
    }
}
