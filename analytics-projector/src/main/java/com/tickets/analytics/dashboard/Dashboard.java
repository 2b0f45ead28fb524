package com.tickets.analytics.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The dashboard's JSON shape (api.md; {@code waitlistByTier} and {@code zone}: docs/analytics.md). {@code zone}
 * is the IANA zone whose clocks the buckets and whole-day bounds are on: the one asked for, else the
 * concert's own, else UTC.
 */
public record Dashboard(Summary summary, List<Sales> salesOverTime, List<TierRevenue> revenueByTier,
                        List<TierWaitlist> waitlistByTier, String zone) {

    public record Summary(BigDecimal totalRevenue, long totalTicketsSold) {
    }

    /** A bucket: its first instant ({@code date}), its start on the zone's clocks, and what sold in it. */
    public record Sales(Instant date, LocalDateTime localStart, BigDecimal revenue, long tickets) {
    }

    public record TierRevenue(String tierName, String concertName, BigDecimal revenue, BigDecimal percentage) {
    }

    /** A tier with a waitlist: which tier, and its {@code waitlist} section. */
    public record TierWaitlist(UUID concertId, String concertName, UUID ticketTierId, String tierName,
                               Waitlist waitlist) {
    }

    /**
     * A tier's waitlist: entries waiting now, and of all its entries so far those that got an offer,
     * claimed it (each claim is a booking) and let it expire; {@code claimRate} is offersClaimed as a
     * percentage of offersMade (two decimals), null before any offer.
     */
    public record Waitlist(long waiting, long offersMade, long offersClaimed, long offersExpired, BigDecimal claimRate) {
    }
}
