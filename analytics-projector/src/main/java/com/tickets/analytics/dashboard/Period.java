package com.tickets.analytics.dashboard;

/** Time buckets of the sales chart, in UTC (PostgreSQL date_trunc units; weeks start on Monday). */
public enum Period {
    hour, day, week
}
