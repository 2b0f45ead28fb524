package com.tickets.analytics.dashboard;

import com.tickets.analytics.projection.Rebuild;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The organizers' sales dashboard (api.md); organizer role only. */
@Path("/api/analytics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("organizer")
public class DashboardResource {

    private final DashboardQuery query;
    private final Rebuild rebuild;

    DashboardResource(DashboardQuery query, Rebuild rebuild) {
        this.query = query;
        this.rebuild = rebuild;
    }

    /**
     * {@code startDate} / {@code endDate}: an ISO date (a whole UTC day; the end date is included)
     * or an ISO date-time with offset. {@code period}: hour, day (default) or week.
     */
    @GET
    @Path("/dashboard")
    public Dashboard dashboard(@QueryParam("concertId") String concertId, @QueryParam("startDate") String startDate,
                               @QueryParam("endDate") String endDate, @QueryParam("period") String period)
            throws SQLException {
        List<Map<String, String>> errors = new ArrayList<>();
        UUID concert = parse(errors, "concertId", concertId, UUID::fromString);
        Instant from = parse(errors, "startDate", startDate, v -> instant(v, false));
        Instant to = parse(errors, "endDate", endDate, v -> instant(v, true));
        Period bucket = parse(errors, "period", period == null ? "day" : period, Period::valueOf);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(Map.of("field", "endDate", "message", "must be after startDate"));
        }
        if (!errors.isEmpty()) {
            throw new BadQueryException(errors);
        }
        return query.load(concert, from, to, bucket);
    }

    /** Rebuilds the projection from the start of the topics (see docs/analytics.md). */
    @POST
    @Path("/rebuild")
    public Response rebuild() throws SQLException {
        rebuild.fromTheStart();
        return Response.accepted(Map.of("status", "rebuilding")).build();
    }

    private static Instant instant(String value, boolean endOfRange) {
        if (value.length() == 10) {
            LocalDate day = LocalDate.parse(value);
            return (endOfRange ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(value).toInstant();
    }

    private static <T> T parse(List<Map<String, String>> errors, String field, String value,
                               java.util.function.Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(Map.of("field", field, "message", switch (field) {
                case "concertId" -> "must be a UUID";
                case "period" -> "must be hour, day or week";
                default -> "must be an ISO date (2026-11-24) or date-time with offset";
            }));
            return null;
        }
    }
}
