package com.tickets.analytics.dashboard;

/** Time buckets of the sales chart, on one zone's clocks (PostgreSQL date_trunc units; weeks start on Monday; {@link Buckets}). */
public enum Period {
    hour, day, week
}
