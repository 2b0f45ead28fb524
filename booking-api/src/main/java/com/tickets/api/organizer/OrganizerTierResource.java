package com.tickets.api.organizer;

import com.tickets.api.problem.Ids;
import com.tickets.api.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tier of one of the organizer's concerts: its price (new bookings only) and its total. */
@Path("/api/organizer/tiers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OrganizerAuthProblems.ROLE)
@Tag(name = "organizer")
public class OrganizerTierResource {

    private final SecurityIdentity identity;
    private final TierChanges changes;

    OrganizerTierResource(SecurityIdentity identity, TierChanges changes) {
        this.identity = identity;
        this.changes = changes;
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, OrganizerConcertResource.MERGE_PATCH})
    @Operation(summary = "Change a tier's price (for new bookings only) and/or total",
            description = "Raising the total makes tickets available; lowering it below what is sold or held is a 409 "
                    + "capacity-below-sold, safe against concurrent bookings.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrganizerConcertView.TierResponse.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "unknown, or another organizer's", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "capacity-below-sold, concert-cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public OrganizerConcertView.TierResponse patch(@PathParam("id") String id,
                                                   @NotNull(message = "a JSON body is required") @Valid TierPatch patch) {
        return new OrganizerConcertView.TierResponse(changes.patch(identity.getPrincipal().getName(), Ids.parse(id, "id"), patch));
    }
}
