package com.tickets.api.waitlist;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code waitlist.*}: the waitlist's knobs (docs/waitlist.md). */
@ConfigMapping(prefix = "waitlist")
public interface WaitlistConfig {

    /** {@code WAITLIST_OFFER_WINDOW}: how long an offer holds its tickets for its entry alone. */
    @WithDefault("PT10M")
    Duration offerWindow();

    /**
     * {@code WAITLIST_OFFER_REMINDER_BEFORE}: the reminder mail goes out this long before an unclaimed offer
     * ends (not at all when the whole window is shorter).
     */
    @WithDefault("PT2M")
    Duration offerReminderBefore();

    /** {@code WAITLIST_SWEEP_EVERY}: how often ended offers pass on and reminders go out (the lateness of both). */
    @WithDefault("5s")
    String sweepEvery();

    /** The most entries one round of returned tickets reads; a round can serve at most one entry per ticket. */
    @WithDefault("500")
    int maxOffersPerRound();
}
