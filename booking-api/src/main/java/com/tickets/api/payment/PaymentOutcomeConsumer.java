package com.tickets.api.payment;

import com.tickets.api.booking.BookingTransitions;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.PaymentData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;

/**
 * Finalizes bookings from {@code payment.events}. At-least-once in, exactly once in effect: the
 * event id is recorded in {@code applied_events} in the same transaction as the status change, and
 * the transitions themselves only move a booking out of the states it may leave.
 * A record that cannot be read goes to the dead-letter topic (see application.properties); a
 * database that is away is waited for.
 */
@ApplicationScoped
public class PaymentOutcomeConsumer {

    private static final Logger LOG = Logger.getLogger(PaymentOutcomeConsumer.class);

    private final EntityManager em;
    private final BookingTransitions transitions;

    PaymentOutcomeConsumer(EntityManager em, BookingTransitions transitions) {
        this.em = em;
        this.transitions = transitions;
    }

    /**
     * A record that cannot be read fails at once (to the DLQ). Anything else — the database
     * restarting, a lost connection — is retried with backoff for up to four minutes on this
     * partition, before the DLQ: a payment outcome that is never applied leaves a charge without
     * its booking (the hold expires and nobody refunds it). Four minutes stays inside Kafka's
     * max.poll.interval.ms (five), so the consumer keeps its partitions while it waits.
     */
    @Incoming("payment-events")
    @Blocking
    @Retry(maxRetries = -1, maxDuration = 4, durationUnit = ChronoUnit.MINUTES, delay = 500,
            abortOn = {UncheckedIOException.class, IllegalArgumentException.class})
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public void onPaymentEvent(String json) {
        EventEnvelope event = EventJson.read(json);
        QuarkusTransaction.requiringNew().run(() -> apply(event));
    }

    void apply(EventEnvelope event) {
        int firstTime = em.createNativeQuery("insert into applied_events (event_id, type) values (?1, ?2) on conflict do nothing")
                .setParameter(1, event.id()).setParameter(2, event.type()).executeUpdate();
        if (firstTime == 0) {
            LOG.debugf("event %s already applied", event.id());
            return;
        }
        PaymentData payment = EventJson.data(event, PaymentData.class);
        switch (event.type()) {
            case EventTypes.PAYMENT_SUCCEEDED -> transitions.paymentSucceeded(payment.bookingId());
            // a decline carries the gateway's payment id; a failure without one is a worker that
            // gave up on an unanswering gateway, so the money may have been taken
            case EventTypes.PAYMENT_FAILED -> transitions.paymentFailed(payment.bookingId(), payment.reason(),
                    payment.paymentId() == null);
            case EventTypes.REFUND_SUCCEEDED -> transitions.refunded(payment.bookingId());
            default -> {
                // future types: nothing to change in a booking
            }
        }
    }
}
