package com.tickets.api.waitlist;

import com.tickets.api.booking.BookingBatchDecision;
import com.tickets.api.concert.ConcertStatus;
import com.tickets.api.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A tier and its concert as the waitlist's events and rules need them. {@code salesOpenAt} null: on sale since
 * publication; {@code salesCloseAt} the concert's own close, or its start.
 */
record TierInfo(UUID tierId, String tierName, BigDecimal price, String currency, UUID concertId, String concertName,
                Instant concertDate, String location, String timeZone, ConcertStatus status, Instant salesOpenAt,
                Instant salesCloseAt, String organizer) {

    /** Why nothing of this tier can be sold (or offered) at {@code now}, if so: the booking's own rule. */
    Optional<ProblemException> offSale(Instant now) {
        return BookingBatchDecision.offSale(tierId, concertId, status, salesOpenAt, salesCloseAt, now);
    }

    boolean onSale(Instant now) {
        return offSale(now).isEmpty();
    }
}
