package com.tickets.api.access;

import com.tickets.api.ratelimit.BucketKind;
import com.tickets.api.ratelimit.ClientAddress;
import com.tickets.api.ratelimit.RateLimiter;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/access-links}: "mail me a sign-in link". Always the same 202, whether or not the
 * address has bookings, so it cannot be used to learn who bought tickets.
 */
@Path("/api/access-links")
@Produces(MediaType.APPLICATION_JSON)
public class AccessLinkResource {

    /** The one answer, for every address. */
    public record Accepted(String status, String detail) {
    }

    static final Accepted ACCEPTED = new Accepted("accepted",
            "If this address has bookings, a sign-in link is on its way. It works once, for 15 minutes.");

    public record AccessLinkRequest(@NotNull @BuyerEmail String email) {
    }

    private final AccessLinks links;
    private final RateLimiter rateLimiter;

    AccessLinkResource(AccessLinks links, RateLimiter rateLimiter) {
        this.links = links;
        this.rateLimiter = rateLimiter;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(@NotNull(message = "a JSON body is required") @Valid AccessLinkRequest request,
                            @Context HttpServerRequest http) {
        String email = EmailAddresses.normalize(request.email()).orElseThrow();
        rateLimiter.check(BucketKind.IP, ClientAddress.of(http));
        rateLimiter.check(BucketKind.SIGN_IN, email);
        links.requestInBackground(email);
        return Response.accepted(ACCEPTED).build();
    }
}
