package com.tickets.api.booking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code booking.hold.*}: how long a booking's tickets are held for its payment.
 *
 * <p>A hold waits for our own pipeline, not for the buyer (the charge starts from {@code
 * BookingCreated}, with nothing for the buyer to do), so it must never lapse under a charge that is
 * on its way. The rules that make sure of that (docs/architecture.md, "Holds"): the payment-worker
 * starts no charge once the hold has ended (it reports {@code PaymentFailed}, and no money moves); the
 * hold sweeper expires a booking only {@link #grace()} after its hold ended, and only once every payment
 * outcome that had reached {@code payment.events} by then is applied ({@code PaymentOutcomeProgress}), so a
 * backlog of outcomes or Kafka being away delays the expiry, never the other way round; and a charge whose
 * first attempt got no answer moves the hold's end to when its retries will have answered
 * ({@code PaymentDelayed}).
 */
@ConfigMapping(prefix = "booking.hold")
public interface HoldConfig {

    /** {@code BOOKING_HOLD_DURATION}: the hold, from the booking's creation ({@code holdExpiresAt}). */
    @WithDefault("PT10M")
    Duration duration();

    /**
     * {@code BOOKING_HOLD_GRACE}: how long after {@code holdExpiresAt} a booking still waiting for its
     * payment is expired. It covers a charge started just before the hold's end: the gateway call
     * (abandoned after 2 s), publishing its outcome, and this service's outcome consumer being behind.
     */
    @WithDefault("PT1M")
    Duration grace();

    /**
     * {@code BOOKING_HOLD_AFTER_OUTAGE}: after the payment topic's offsets could not be had (Kafka away),
     * how long its answers are not trusted for the expiry: a payment-worker publishes the outcomes it
     * kept through the outage as soon as Kafka answers, and they may land a moment after this service's
     * first question.
     */
    @WithDefault("PT20S")
    Duration afterOutage();
}
