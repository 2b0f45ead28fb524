package com.tickets.api.payment;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.PaymentData;

import java.time.Instant;
import java.util.UUID;

/**
 * One {@code payment.events} record, read and typed: which event it is (its id makes a redelivery
 * recognisable), what it says and about which booking, and the trace it carries on to the events it causes.
 *
 * @param outcomeUnknown a failure without the gateway's payment id: the worker gave up on a gateway that
 *                       never answered, so the money may have been taken all the same (a decline always
 *                       carries the gateway's id)
 * @param answerBy       a delay's: the moment by which the charge's final outcome is published (null otherwise)
 * @param traceparent    the record's trace (W3C {@code traceparent}), null without one: the
 *                       {@code BookingConfirmed} and other events it causes carry it on
 */
public record PaymentOutcome(UUID eventId, String type, Kind kind, UUID bookingId, String reason,
                             boolean outcomeUnknown, Instant answerBy, String traceparent) {

    /** An outcome without a trace, and not a delay. */
    public PaymentOutcome(UUID eventId, String type, Kind kind, UUID bookingId, String reason, boolean outcomeUnknown) {
        this(eventId, type, kind, bookingId, reason, outcomeUnknown, null, null);
    }

    /** This outcome, carrying the trace of the record it was read from. */
    public PaymentOutcome withTraceparent(String traceparent) {
        return new PaymentOutcome(eventId, type, kind, bookingId, reason, outcomeUnknown, answerBy, traceparent);
    }

    /** What the event asks of a booking. */
    public enum Kind {
        SUCCEEDED, FAILED, REFUNDED,
        /** no answer yet: the hold lasts until {@link #answerBy()} */
        DELAYED,
        /** a type this service does not know (yet): recorded as applied, changes nothing */
        OTHER;

        static Kind of(String type) {
            return switch (type) {
                case EventTypes.PAYMENT_SUCCEEDED -> SUCCEEDED;
                case EventTypes.PAYMENT_FAILED -> FAILED;
                case EventTypes.REFUND_SUCCEEDED -> REFUNDED;
                case EventTypes.PAYMENT_DELAYED -> DELAYED;
                default -> OTHER;
            };
        }
    }

    public static PaymentOutcome succeeded(UUID eventId, UUID bookingId) {
        return new PaymentOutcome(eventId, EventTypes.PAYMENT_SUCCEEDED, Kind.SUCCEEDED, bookingId, null, false);
    }

    public static PaymentOutcome failed(UUID eventId, UUID bookingId, String reason, boolean outcomeUnknown) {
        return new PaymentOutcome(eventId, EventTypes.PAYMENT_FAILED, Kind.FAILED, bookingId, reason, outcomeUnknown);
    }

    public static PaymentOutcome refunded(UUID eventId, UUID bookingId) {
        return new PaymentOutcome(eventId, EventTypes.REFUND_SUCCEEDED, Kind.REFUNDED, bookingId, null, false);
    }

    public static PaymentOutcome delayed(UUID eventId, UUID bookingId, String reason, Instant answerBy) {
        return new PaymentOutcome(eventId, EventTypes.PAYMENT_DELAYED, Kind.DELAYED, bookingId, reason, false, answerBy, null);
    }

    /**
     * Reads a record's value. Anything that is not an event this service can apply (not JSON, no id or
     * type, a payment event without a booking id, a delay without its {@code answerBy}) is refused with an
     * exception: that record goes to the dead-letter topic, whatever the others of its batch do.
     */
    public static PaymentOutcome read(String json) {
        if (json == null) {
            throw new IllegalArgumentException("a record without a value");
        }
        EventEnvelope event = EventJson.read(json);
        if (event.id() == null || event.type() == null) {
            throw new IllegalArgumentException("an event without id or type");
        }
        Kind kind = Kind.of(event.type());
        if (kind == Kind.OTHER) {
            return new PaymentOutcome(event.id(), event.type(), kind, null, null, false);
        }
        PaymentData payment = event.data() == null ? null : EventJson.data(event, PaymentData.class);
        if (payment == null || payment.bookingId() == null) {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " names no booking");
        }
        if (kind == Kind.DELAYED && payment.answerBy() == null) {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " does not say by when its outcome follows (answerBy)");
        }
        return new PaymentOutcome(event.id(), event.type(), kind, payment.bookingId(), payment.reason(),
                kind == Kind.FAILED && payment.paymentId() == null && !Boolean.FALSE.equals(payment.chargeAttempted()),
                kind == Kind.DELAYED ? payment.answerBy() : null, null);
    }
}
