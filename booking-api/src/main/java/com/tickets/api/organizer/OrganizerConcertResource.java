package com.tickets.api.organizer;

import com.tickets.api.idempotency.IdempotencyKeys;
import com.tickets.api.problem.Ids;
import com.tickets.api.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * An organizer's own concerts: create (a DRAFT, idempotent per {@code Idempotency-Key}), read, change, add
 * tiers, publish, cancel. Another organizer's concert answers 404 like an unknown id. Guide: docs/organizers.md.
 */
@Path("/api/organizer/concerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OrganizerAuthProblems.ROLE)
@Tag(name = "organizer", description = "Organizers run their own shows (role organizer; no credentials 401, "
        + "signed in without the role 403)")
public class OrganizerConcertResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final SecurityIdentity identity;
    private final ConcertCreation creation;
    private final OrganizerConcerts concerts;
    private final ConcertEditing editing;
    private final ConcertPublication publication;
    private final ConcertCancellation cancellation;
    private final URI publicBase;

    OrganizerConcertResource(SecurityIdentity identity, ConcertCreation creation, OrganizerConcerts concerts,
                             ConcertEditing editing, ConcertPublication publication, ConcertCancellation cancellation,
                             @ConfigProperty(name = "booking.public-base-url") URI publicBase) {
        this.identity = identity;
        this.creation = creation;
        this.concerts = concerts;
        this.editing = editing;
        this.publication = publication;
        this.cancellation = cancellation;
        this.publicBase = publicBase;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a concert (DRAFT) with its tiers",
            description = "Idempotent: the same Idempotency-Key and body answer the first 201 again "
                    + "(Idempotent-Replayed: true); the same key with another body is a 422.")
    @APIResponse(responseCode = "201", description = "created, as a DRAFT",
            content = @Content(schema = @Schema(implementation = OrganizerConcertView.OneResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid body or Idempotency-Key; errors names each field",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "idempotency-key-reused", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response create(@Parameter(description = "1-255 printable ASCII characters, one per concert", required = true)
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                           @NotNull(message = "a JSON body is required") @Valid NewConcert request) {
        String key = IdempotencyKeys.require(idempotencyKey);
        ConcertCreation.Created created = creation.create(organizer(), key, request);
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED).entity(created.body())
                .type(MediaType.APPLICATION_JSON)
                .location(publicBase.resolve("/api/organizer/concerts/" + created.concertId()));
        if (created.replayed()) {
            response.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Operation(summary = "The caller's concerts, drafts and cancelled ones included, with sold, held and available per tier")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = OrganizerConcertView.ListResponse.class)))
    public OrganizerConcertView.ListResponse list() {
        return new OrganizerConcertView.ListResponse(concerts.list(organizer()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One of the caller's concerts")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrganizerConcertView.OneResponse.class)))
    @APIResponse(responseCode = "404", description = "unknown, or another organizer's", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public OrganizerConcertView.OneResponse get(@PathParam("id") String id) {
        return new OrganizerConcertView.OneResponse(concerts.get(organizer(), Ids.parse(id, "id")));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @Operation(summary = "Change name, description, location, timeZone, date, salesOpenAt, salesCloseAt",
            description = "JSON merge patch: an absent field stays, null on salesOpenAt/salesCloseAt clears it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrganizerConcertView.OneResponse.class)))
    @APIResponse(responseCode = "400", description = "invalid field, or a sales window out of order",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "unknown, or another organizer's", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "concert-cancelled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public OrganizerConcertView.OneResponse patch(@PathParam("id") String id,
                                                  @NotNull(message = "a JSON body is required") @Valid ConcertPatch patch) {
        return new OrganizerConcertView.OneResponse(editing.patch(organizer(), Ids.parse(id, "id"), patch));
    }

    @POST
    @Path("/{id}/tiers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a ticket tier")
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = OrganizerConcertView.TierResponse.class)))
    @APIResponse(responseCode = "404", description = "unknown, or another organizer's", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "tier-name-taken, concert-cancelled", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response addTier(@PathParam("id") String id, @NotNull(message = "a JSON body is required") @Valid NewTier tier) {
        OrganizerConcertView.TierView added = editing.addTier(organizer(), Ids.parse(id, "id"), tier);
        return Response.status(Response.Status.CREATED).entity(new OrganizerConcertView.TierResponse(added))
                .location(publicBase.resolve("/api/organizer/tiers/" + added.id())).build();
    }

    @POST
    @Path("/{id}/publish")
    @Operation(summary = "Publish a DRAFT: it enters the catalogue and goes on sale (from salesOpenAt, if set)",
            description = "Publishing a published concert changes nothing.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrganizerConcertView.OneResponse.class)))
    @APIResponse(responseCode = "404", description = "unknown, or another organizer's", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "concert-cancelled, concert-started", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public OrganizerConcertView.OneResponse publish(@PathParam("id") String id) {
        return new OrganizerConcertView.OneResponse(publication.publish(organizer(), Ids.parse(id, "id")));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel: stop selling, cancel every booking, refund every paid one, mail the buyers",
            description = "Whatever the buyers' cancellation cutoff. Cancelling again changes nothing.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OrganizerConcertView.OneResponse.class)))
    @APIResponse(responseCode = "404", description = "unknown, or another organizer's", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public OrganizerConcertView.OneResponse cancel(@PathParam("id") String id) {
        return new OrganizerConcertView.OneResponse(cancellation.cancel(organizer(), Ids.parse(id, "id")));
    }

    private String organizer() {
        return identity.getPrincipal().getName();
    }
}
