package com.tickets.analytics.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The dashboard's JSON shape (api.md). */
public record Dashboard(Summary summary, List<Sales> salesOverTime, List<TierRevenue> revenueByTier) {

    public record Summary(BigDecimal totalRevenue, long totalTicketsSold) {
    }

    public record Sales(Instant date, BigDecimal revenue, long tickets) {
    }

    public record TierRevenue(String tierName, String concertName, BigDecimal revenue, BigDecimal percentage) {
    }
}
