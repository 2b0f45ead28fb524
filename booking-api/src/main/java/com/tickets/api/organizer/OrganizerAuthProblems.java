package com.tickets.api.organizer;

import com.tickets.api.problem.Problem;
import com.tickets.security.OrganizerSignIn;
import com.tickets.security.SignInProblems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/**
 * The organizer routes ({@code /api/organizer/**}, role {@value #ROLE}) answer like the rest of the
 * API, as application/problem+json: no or wrong credentials 401 (with the challenge of the
 * profile's sign-in: Basic in local/dev/test, Bearer in prod), too many failed sign-ins 429 with
 * {@code Retry-After}, signed in without the role 403. Buyers' own tokens never reach these:
 * their checks (package access) answer with problems of their own.
 */
public class OrganizerAuthProblems {

    public static final String ROLE = "organizer";

    @Inject
    OrganizerSignIn signIn;

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return signIn(uri);
    }

    @ServerExceptionMapper
    public Response badCredentials(AuthenticationFailedException e, UriInfo uri) {
        return SignInProblems.throttledResponse(e, uri.getPath()).orElseGet(() -> signIn(uri));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return new Problem("forbidden", "Forbidden", 403, "This route is for organizers", uri.getPath(), Map.of()).toResponse();
    }

    private Response signIn(UriInfo uri) {
        return Response.fromResponse(new Problem("unauthorized", "Unauthorized", 401, signIn.howToSignIn(),
                        uri.getPath(), Map.of()).toResponse())
                .header("WWW-Authenticate", signIn.challenge()).build();
    }
}
