package com.tickets.analytics.dashboard;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The organizers' sales dashboard (api.md); organizer role only, each organizer's own concerts only. */
@Path("/api/analytics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("organizer")
public class DashboardResource {

    private final DashboardQuery query;
    private final SecurityIdentity identity;

    DashboardResource(DashboardQuery query, SecurityIdentity identity) {
        this.query = query;
        this.identity = identity;
    }

    /**
     * {@code startDate} / {@code endDate}: an ISO date (a whole day in the zone, both ends included) or an
     * ISO date-time (with an offset, or UTC without one; both ends included). {@code period}: hour,
     * day (default) or week; weeks start on Monday. {@code zone}: the IANA zone whose clocks the buckets
     * and whole-day dates are on; by default the concert's own (docs/analytics.md).
     */
    @GET
    @Path("/dashboard")
    public Dashboard dashboard(@QueryParam("concertId") String concertId, @QueryParam("startDate") String startDate,
                               @QueryParam("endDate") String endDate, @QueryParam("period") String period,
                               @QueryParam("zone") String zone)
            throws SQLException {
        List<Map<String, String>> errors = new ArrayList<>();
        // the caller's own shows only: another organizer's concert id simply has no sales here
        DashboardFilter filter = DashboardFilter.parse(identity.getPrincipal().getName(), concertId, startDate, endDate,
                period, zone, errors);
        if (!errors.isEmpty()) {
            throw new BadQueryException(errors);
        }
        return query.load(filter);
    }
}
