package com.tickets.api.concert;

import com.tickets.api.problem.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The catalog; answers come from {@link Catalog}, at most one second old. */
@Path("/api/concerts")
@Produces(MediaType.APPLICATION_JSON)
public class ConcertResource {

    private final Catalog catalog;

    ConcertResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConcertView.ListResponse.class)))
    public Uni<String> list() {
        return catalog.allConcertsJson();
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConcertView.OneResponse.class)))
    public Uni<String> get(@PathParam("id") String id) {
        return catalog.concertJson(Ids.parse(id, "id"));
    }
}
