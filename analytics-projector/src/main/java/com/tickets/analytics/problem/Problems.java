package com.tickets.analytics.problem;

import com.tickets.analytics.dashboard.BadQueryException;
import com.tickets.analytics.rebuild.RebuildAlreadyRunningException;
import com.tickets.security.OrganizerSignIn;
import com.tickets.security.SignInProblems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Errors as application/problem+json (RFC 9457), as in the booking API. */
public class Problems {


    private static final Logger LOG = Logger.getLogger(Problems.class);
    private static final String TYPE_BASE = "https://tickets.example.com/problems/";

    /** HTTP Basic (local/dev/test) or bearer JWTs only (prod): what a 401 asks for. */
    @Inject
    OrganizerSignIn signIn;

    @ServerExceptionMapper
    public Response badQuery(BadQueryException e, UriInfo uri) {
        Map<String, Object> body = problem("invalid-request", "Invalid request", 400,
                "The query parameters are not valid", uri);
        body.put("errors", e.errors());
        return respond(400, body);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return signIn(uri);
    }

    /** Wrong credentials are a 401; too many of them from one name or address a 429 with Retry-After. */
    @ServerExceptionMapper
    public Response badCredentials(AuthenticationFailedException e, UriInfo uri) {
        return SignInProblems.throttledResponse(e, uri.getPath()).orElseGet(() -> signIn(uri));
    }

    @ServerExceptionMapper
    public Response rebuildRunning(RebuildAlreadyRunningException e, UriInfo uri) {
        return respond(409, problem("rebuild-running", "Rebuild already running", 409,
                "A rebuild is in progress; follow GET /api/analytics/rebuild", uri));
    }

    private Response signIn(UriInfo uri) {
        return Response.fromResponse(respond(401, problem("unauthorized", "Unauthorized", 401, signIn.howToSignIn(), uri)))
                .header("WWW-Authenticate", signIn.challenge()).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, problem("forbidden", "Forbidden", 403, "The dashboard is for organizers", uri));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return respond(status, problem(title.toLowerCase().replace(' ', '-'), title, status, title, uri));
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.error("unexpected failure", e);
        return respond(500, problem("internal-error", "Internal error", 500, "The request could not be completed", uri));
    }

    private static Map<String, Object> problem(String type, String title, int status, String detail, UriInfo uri) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", uri.getPath());
        return body;
    }

    private static Response respond(int status, Map<String, Object> body) {
        return Response.status(status).type("application/problem+json").entity(body).build();
    }
}
