package com.tickets.analytics.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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
 * @param from      first instant counted (inclusive), null for no lower bound
 * @param until     first instant no longer counted (exclusive), null for no upper bound
 */
public record DashboardFilter(String organizer, UUID concertId, Instant from, Instant until, Period period) {

    /** Parses the raw parameters; adds one {@code {field, message}} to {@code errors} per bad parameter. */
    static DashboardFilter parse(String organizer, String concertId, String startDate, String endDate, String period,
                                 List<Map<String, String>> errors) {
        UUID concert = parse(errors, "concertId", concertId, "must be a UUID", UUID::fromString);
        Instant from = parse(errors, "startDate", startDate, DATE_MESSAGE, v -> start(v));
        Instant until = parse(errors, "endDate", endDate, DATE_MESSAGE, v -> end(v));
        Period bucket = parse(errors, "period", period == null ? "day" : period, "must be hour, day or week",
                v -> Period.valueOf(v.toLowerCase(Locale.ROOT)));
        if (from != null && until != null && !from.isBefore(until)) {
            errors.add(Map.of("field", "endDate", "message", "must not be before startDate"));
        }
        return new DashboardFilter(organizer, concert, from, until, bucket);
    }

    private static final String DATE_MESSAGE = "must be an ISO-8601 date (2026-11-24) or date-time (2026-11-24T18:00:00Z)";

    private static Instant start(String value) {
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return dateTime(value);
    }

    /** The end is inclusive: a date counts its whole day, a date-time its own microsecond. */
    private static Instant end(String value) {
        if (value.length() == 10) {
            return LocalDate.parse(value).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return dateTime(value).truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
    }

    private static Instant dateTime(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
    }

    private static <T> T parse(List<Map<String, String>> errors, String field, String value, String message,
                               Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
            errors.add(Map.of("field", field, "message", message));
            return null;
        }
    }
}
