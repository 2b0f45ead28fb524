package com.tickets.api.booking;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code booking.cancellation.*}: until when a buyer may cancel, and so be refunded. */
@ConfigMapping(prefix = "booking.cancellation")
public interface CancellationConfig {

    /**
     * {@code BOOKING_CANCELLATION_CUTOFF}: no cancelling in the last stretch before the show, when the
     * seat could no longer be sold to anyone else (pretix and alf.io let organizers set the same).
     */
    @WithDefault("PT24H")
    Duration cutoff();
}
