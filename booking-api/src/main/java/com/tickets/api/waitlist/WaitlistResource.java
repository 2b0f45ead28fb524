package com.tickets.api.waitlist;

import com.tickets.api.access.BearerToken;
import com.tickets.api.access.BookingTokens;
import com.tickets.api.access.BuyerAccess;
import com.tickets.api.access.EmailAddresses;
import com.tickets.api.booking.CreatedBooking;
import com.tickets.api.idempotency.IdempotencyKeys;
import com.tickets.api.problem.Ids;
import com.tickets.api.problem.NotFoundProblem;
import com.tickets.api.ratelimit.BucketKind;
import com.tickets.api.ratelimit.ClientAddress;
import com.tickets.api.ratelimit.RateLimiter;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.UUID;

/**
 * The waitlists of sold-out tiers (docs/waitlist.md). Joining is rate limited per client address and e-mail
 * like booking; an entry is read and left with its own token (in the join's 201), an offer claimed with the
 * token of the mailed link.
 */
@Path("/api/waitlist")
@Produces(MediaType.APPLICATION_JSON)
public class WaitlistResource {

    private final Waitlist waitlist;
    private final OfferClaims claims;
    private final BookingTokens tokens;
    private final BuyerAccess access;
    private final RateLimiter rateLimiter;
    private final CreatedBooking created;
    private final URI publicBase;

    WaitlistResource(Waitlist waitlist, OfferClaims claims, BookingTokens tokens, BuyerAccess access,
                     RateLimiter rateLimiter, CreatedBooking created,
                     @ConfigProperty(name = "booking.public-base-url") URI publicBase) {
        this.waitlist = waitlist;
        this.claims = claims;
        this.tokens = tokens;
        this.access = access;
        this.rateLimiter = rateLimiter;
        this.created = created;
        this.publicBase = publicBase;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response join(@HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                         @NotNull(message = "a JSON body is required") @Valid WaitlistJoinRequest request,
                         @Context HttpServerRequest http) {
        String key = IdempotencyKeys.require(idempotencyKey);
        String email = EmailAddresses.normalize(request.userEmail()).orElseThrow();
        rateLimiter.check(BucketKind.IP, ClientAddress.of(http));
        rateLimiter.check(BucketKind.EMAIL, email);
        Waitlist.Joined joined = waitlist.join(key, request.ticketTierId(), email, request.quantity());
        WaitlistEntry entry = joined.entry();
        Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                .entity(new WaitlistView.Joined(WaitlistView.Entry.of(entry, joined.tier(), joined.position()),
                        tokens.issueWaitlist(entry.id())))
                .location(publicBase.resolve("/api/waitlist/" + entry.id()));
        if (joined.replayed()) {
            response.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    public WaitlistView.OneEntry get(@PathParam("id") String id,
                                     @HeaderParam(BearerToken.AUTHORIZATION) String authorization) {
        UUID entryId = reachable(id, authorization);
        Waitlist.Read read = waitlist.read(entryId).orElseThrow(() -> new NotFoundProblem("waitlist entry", id));
        return new WaitlistView.OneEntry(WaitlistView.Entry.of(read.entry(), read.tier(), read.position()));
    }

    @DELETE
    @Path("/{id}")
    public WaitlistView.OneEntry leave(@PathParam("id") String id,
                                       @HeaderParam(BearerToken.AUTHORIZATION) String authorization) {
        UUID entryId = reachable(id, authorization);
        Waitlist.Read read = waitlist.leave(entryId).orElseThrow(() -> new NotFoundProblem("waitlist entry", id));
        return new WaitlistView.OneEntry(WaitlistView.Entry.of(read.entry(), read.tier(), read.position()));
    }

    @GET
    @Path("/offers/{token}")
    public WaitlistView.OneOffer offer(@PathParam("token") String token) {
        return new WaitlistView.OneOffer(claims.offer(offerEntry(token)));
    }

    /** Books the offer's tickets: the {@code 201} of {@code POST /api/bookings}, a replay of the key included. */
    @POST
    @Path("/offers/{token}/claim")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response claim(@PathParam("token") String token,
                          @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                          @NotNull(message = "a JSON body is required") @Valid OfferClaimRequest request,
                          @Context HttpServerRequest http) {
        String key = IdempotencyKeys.require(idempotencyKey);
        UUID entryId = offerEntry(token);
        rateLimiter.check(BucketKind.IP, ClientAddress.of(http));
        return created.response(claims.claim(entryId, key, request));
    }

    /** The entry the bearer token reaches; "not found" otherwise, so that an answer never tells an id exists. */
    private UUID reachable(String id, String authorization) {
        UUID entryId = Ids.parse(id, "id");
        String token = access.requireToken(authorization);
        if (!tokens.grantsWaitlist(token, entryId)) {
            throw new NotFoundProblem("waitlist entry", id);
        }
        return entryId;
    }

    private UUID offerEntry(String token) {
        return tokens.waitlistOfferEntryId(token).orElseThrow(() -> new NotFoundProblem("waitlist offer", "in this link"));
    }
}
