package com.tickets.api.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code booking.access.*}: how buyers prove they own an inbox, and for how long that proof counts. */
@ConfigMapping(prefix = "booking.access")
public interface BuyerAccessConfig {

    /**
     * {@code BOOKING_ACCESS_SECRET}: signs booking tokens and sign-in links (BuyerTokens). The
     * notification-worker holds the same value to put them in mails. Changing it revokes every
     * booking token and every unused link; sessions are stored and survive it.
     */
    String secret();

    /** A sign-in link works once, for this long after it was asked for. */
    @WithDefault("PT15M")
    Duration signInLinkTtl();

    /** A session opened with a link lasts this long (or until signed out). */
    @WithDefault("PT24H")
    Duration sessionTtl();

    /** Expired links and sessions are deleted this long after they expired. */
    @WithDefault("P1D")
    Duration retention();
}
