package com.tickets.analytics.dashboard;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The dashboard's query, parsed and checked.
 *
 * @param organizer whose sales: the signed-in organizer; nobody sees another organizer's shows
 * @param concertId null for every show of the organizer
 * @param start     first moment counted (inclusive), null for no lower bound
 * @param end       last moment counted (inclusive), null for no upper bound
 * @param zone      the zone the organizer chose for the buckets and for whole-day bounds, null to take
 *                  the concert's own ({@link DashboardQuery})
 */
public record DashboardFilter(String organizer, UUID concertId, Bound start, Bound end, Period period, ZoneId zone) {

    /**
     * A date bound as given: a whole day ({@code date}), whose instants depend on the zone, or one instant.
     * A date is only turned into instants once the zone is known, which may take the database.
     */
    public record Bound(LocalDate date, Instant instant) {

        /** The first instant this bound counts, as a lower bound. */
        Instant from(ZoneId zone) {
            return date != null ? date.atStartOfDay(zone).toInstant() : instant;
        }

        /** The first instant no longer counted, as an upper bound: a date counts its whole day, a date-time its own microsecond. */
        Instant until(ZoneId zone) {
            return date != null ? date.plusDays(1).atStartOfDay(zone).toInstant()
                    : instant.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
        }
    }

    /**
     * Parses the raw parameters; adds one {@code {field, message}} to {@code errors} per bad parameter. An
     * end before the start is checked by {@link #range} once the zone is known: whether 2 December ends
     * before a given instant depends on whose 2 December it is.
     */
    static DashboardFilter parse(String organizer, String concertId, String startDate, String endDate, String period,
                                 String zone, List<Map<String, String>> errors) {
        UUID concert = parse(errors, "concertId", concertId, "must be a UUID", UUID::fromString);
        Bound start = parse(errors, "startDate", startDate, DATE_MESSAGE, DashboardFilter::bound);
        Bound end = parse(errors, "endDate", endDate, DATE_MESSAGE, DashboardFilter::bound);
        Period bucket = parse(errors, "period", period == null ? "day" : period, "must be hour, day or week",
                v -> Period.valueOf(v.toLowerCase(Locale.ROOT)));
        ZoneId chosen = parse(errors, "zone", zone, "must be an IANA time zone such as Europe/London",
                DashboardFilter::zone);
        return new DashboardFilter(organizer, concert, start, end, bucket, chosen);
    }

    /**
     * The instants counted, in the zone the buckets are in: from (inclusive) and until (exclusive), each null
     * for no bound.
     *
     * @throws BadQueryException if the end is before the start
     */
    Range range(ZoneId in) {
        Instant from = start == null ? null : start.from(in);
        Instant until = end == null ? null : end.until(in);
        if (from != null && until != null && !from.isBefore(until)) {
            throw new BadQueryException(List.of(END_BEFORE_START));
        }
        return new Range(from, until);
    }

    /** First instant counted (inclusive) and first no longer counted (exclusive); null for no bound. */
    record Range(Instant from, Instant until) {
    }

    static final Map<String, String> END_BEFORE_START = Map.of("field", "endDate", "message", "must not be before startDate");

    private static final String DATE_MESSAGE = "must be an ISO-8601 date (2026-11-24) or date-time (2026-11-24T18:00:00Z)";

    /**
     * Region ids of the IANA database only ("Europe/London", "UTC"): not fixed offsets such as "+05:00",
     * which have no summer time and are not where a venue is, and not ids Java would only accept loosely.
     */
    static ZoneId zone(String value) {
        if (!ZoneId.getAvailableZoneIds().contains(value)) {
            throw new DateTimeException("unknown zone " + value);
        }
        return ZoneId.of(value);
    }

    private static Bound bound(String value) {
        if (value.length() == 10) {
            return new Bound(LocalDate.parse(value), null);
        }
        try {
            return new Bound(null, OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            return new Bound(null, LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        }
    }

    private static <T> T parse(List<Map<String, String>> errors, String field, String value, String message,
                               Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            errors.add(Map.of("field", field, "message", message));
            return null;
        }
    }
}
