package com.tickets.api.booking;

import com.tickets.api.concert.ConcertStatus;
import com.tickets.api.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sales window to the microsecond: open from salesOpenAt (inclusive), closed from salesCloseAt (inclusive). */
class SalesWindowRulesTest {

    static final UUID TIER = UUID.randomUUID();
    static final UUID CONCERT = UUID.randomUUID();
    static final Instant OPENS = Instant.parse("2030-01-10T09:00:00Z");
    static final Instant CLOSES = Instant.parse("2030-04-18T16:00:00Z");

    @Test
    void theWindowsEdges() {
        assertThat(type(ConcertStatus.PUBLISHED, OPENS, CLOSES, OPENS.minusNanos(1000))).contains("sales-not-open");
        assertThat(type(ConcertStatus.PUBLISHED, OPENS, CLOSES, OPENS)).isEmpty();
        assertThat(type(ConcertStatus.PUBLISHED, OPENS, CLOSES, CLOSES.minusNanos(1000))).isEmpty();
        assertThat(type(ConcertStatus.PUBLISHED, OPENS, CLOSES, CLOSES)).contains("sales-closed");
        assertThat(type(ConcertStatus.PUBLISHED, null, CLOSES, OPENS.minusSeconds(86_400))).isEmpty();
    }

    @Test
    void draftsAreNotFoundAndCancelledConcertsRefusedWhateverTheWindow() {
        assertThat(type(ConcertStatus.DRAFT, null, CLOSES, OPENS)).contains("not-found");
        assertThat(type(ConcertStatus.CANCELLED, null, CLOSES, OPENS)).contains("concert-cancelled");
        assertThat(type(ConcertStatus.CANCELLED, OPENS, CLOSES, CLOSES.plusSeconds(1))).contains("concert-cancelled");
    }

    private static Optional<String> type(ConcertStatus status, Instant opens, Instant closes, Instant now) {
        return BookingBatchDecision.offSale(TIER, CONCERT, status, opens, closes, now).map(ProblemException::typeName);
    }
}
