package com.tickets.api.concert;

import com.tickets.api.problem.NotFoundProblem;
import com.tickets.api.problem.Ids;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/concerts")
@Produces(MediaType.APPLICATION_JSON)
public class ConcertResource {

    @GET
    @Transactional
    public ConcertView.ListResponse list() {
        return new ConcertView.ListResponse(Concert.listWithTiers().stream().map(ConcertView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Transactional
    public ConcertView.OneResponse get(@PathParam("id") String id) {
        return Concert.findWithTiers(Ids.parse(id, "id"))
                .map(c -> new ConcertView.OneResponse(ConcertView.of(c)))
                .orElseThrow(() -> new NotFoundProblem("concert", id));
    }
}
