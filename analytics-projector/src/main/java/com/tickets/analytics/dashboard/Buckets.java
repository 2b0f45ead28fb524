package com.tickets.analytics.dashboard;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;

/**
 * The bucketing rule of the sales chart, as a pure function: a sale belongs to the calendar day or ISO
 * week (from Monday) that its instant falls in <em>on the clocks of a zone</em>, or to the clock hour it
 * falls in. DashboardQuery groups by the same key in SQL, and this class says what a key's bucket is.
 *
 * <p>Why wall-clock buckets rather than fixed 24-hour spans from UTC midnight: an organizer in New York
 * reads "sales on 1 December" as 1 December in New York. Days and weeks therefore follow the calendar: the
 * day the clocks change is 23 or 25 hours long, and a day whose midnight the clocks skip starts at its first
 * instant. An hour is an hour of the clocks at one offset: where the clocks go back, the repeated hour is
 * two buckets of the same local name (each with its own first instant), and an hour cut by a change ends
 * or starts at the change. So every bucket is one span of time and no two overlap: every sale lands in
 * exactly one (BucketsProperties). The one exception is a zone whose clocks went back across midnight
 * (Newfoundland until 2011: 00:01 back to 23:01 of the day before): a sale in the minutes that come again is
 * on the day its clocks showed, as in SQL, so those two days overlap.
 */
public final class Buckets {

    private Buckets() {
    }

    /**
     * A bucket's key: its local start on the zone's clocks and, for hours only, the offset those clocks
     * were at (days and weeks span any change, so they have none).
     */
    public record Bucket(LocalDateTime local, ZoneOffset offset) {
    }

    /** The bucket the instant falls in, on the zone's clocks. */
    public static Bucket of(Instant sale, ZoneId zone, Period period) {
        ZonedDateTime clocks = sale.atZone(zone);
        return switch (period) {
            case hour -> new Bucket(clocks.toLocalDateTime().truncatedTo(ChronoUnit.HOURS), clocks.getOffset());
            case day -> new Bucket(clocks.toLocalDate().atStartOfDay(), null);
            case week -> new Bucket(clocks.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(), null);
        };
    }

    /** The first instant of the bucket. */
    public static Instant start(Bucket bucket, ZoneId zone) {
        if (bucket.offset() == null) {
            // a day that starts late because midnight was skipped starts at its first instant
            return bucket.local().toLocalDate().atStartOfDay(zone).toInstant();
        }
        Instant candidate = bucket.local().toInstant(bucket.offset());
        if (!zone.getRules().getOffset(candidate).equals(bucket.offset())) {
            // the clocks took this offset during the hour (they jumped forward into it): it starts there
            ZoneOffsetTransition change = zone.getRules().nextTransition(candidate);
            return change.getInstant();
        }
        return candidate;
    }

    /** The first instant after the bucket: the next bucket's start, or a clock change inside an hour. */
    public static Instant end(Bucket bucket, ZoneId zone, Period period) {
        if (bucket.offset() == null) {
            int days = period == Period.week ? 7 : 1;
            return bucket.local().toLocalDate().plusDays(days).atStartOfDay(zone).toInstant();
        }
        Instant candidate = bucket.local().plusHours(1).toInstant(bucket.offset());
        ZoneOffsetTransition change = zone.getRules().nextTransition(start(bucket, zone));
        return change != null && change.getInstant().isBefore(candidate) ? change.getInstant() : candidate;
    }
}
