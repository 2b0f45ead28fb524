package com.tickets.analytics.rebuild;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.sql.SQLException;

/** Rebuilds the projection from the start of the topics (docs/analytics.md); organizers only. */
@Path("/api/analytics/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("organizer")
public class RebuildResource {

    private final ProjectionRebuild rebuild;

    RebuildResource(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** 202: the projection is cleared and being re-read; follow {@code Location} for progress. 409 if one is running. */
    @POST
    public Response start() throws SQLException {
        return Response.accepted(rebuild.start()).location(URI.create("/api/analytics/rebuild")).build();
    }

    @GET
    public RebuildProgress progress() {
        return rebuild.progress();
    }
}
