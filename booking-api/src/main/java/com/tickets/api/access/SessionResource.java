package com.tickets.api.access;

import com.tickets.api.ratelimit.BucketKind;
import com.tickets.api.ratelimit.ClientAddress;
import com.tickets.api.ratelimit.RateLimiter;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/**
 * Buyer sessions: opened with a sign-in link's token (once), read, and closed. The link's token
 * comes in a POST body, never a URL, so mail scanners that follow links cannot use it up and it
 * never lands in an access log; the web page takes it from its {@code #/sign-in/<token>} route.
 */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    public record OpenRequest(@NotBlank @Size(max = 200) String linkToken) {
    }

    public record Opened(String sessionToken, String email, Instant expiresAt) {
    }

    public record Current(String email, Instant expiresAt) {
    }

    private final BookingTokens tokens;
    private final BuyerSessions sessions;
    private final BuyerAccess access;
    private final RateLimiter rateLimiter;

    SessionResource(BookingTokens tokens, BuyerSessions sessions, BuyerAccess access, RateLimiter rateLimiter) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.access = access;
        this.rateLimiter = rateLimiter;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(@NotNull(message = "a JSON body is required") @Valid OpenRequest request,
                         @Context HttpServerRequest http) {
        rateLimiter.check(BucketKind.IP, ClientAddress.of(http));
        var opened = tokens.signInLinkId(request.linkToken())
                .flatMap(sessions::openWithLink)
                .orElseThrow(SignInLinkInvalidProblem::new);
        return Response.status(Response.Status.CREATED)
                .entity(new Opened(opened.token(), opened.session().email(), opened.session().expiresAt()))
                .build();
    }

    @GET
    @Path("/current")
    public Current current(@HeaderParam(BearerToken.AUTHORIZATION) String authorization) {
        BuyerSession session = access.requireSession(authorization);
        return new Current(session.email(), session.expiresAt());
    }

    /** Sign out: this session only. */
    @DELETE
    @Path("/current")
    public Response signOut(@HeaderParam(BearerToken.AUTHORIZATION) String authorization) {
        sessions.revoke(access.requireSession(authorization).id());
        return Response.noContent().build();
    }

    /** Sign out everywhere: every session of this e-mail, on every device. */
    @DELETE
    public Response signOutEverywhere(@HeaderParam(BearerToken.AUTHORIZATION) String authorization) {
        sessions.revokeAll(access.requireSession(authorization).email());
        return Response.noContent().build();
    }
}
