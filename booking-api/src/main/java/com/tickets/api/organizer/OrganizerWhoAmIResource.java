package com.tickets.api.organizer;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * {@code GET /api/organizer/whoami} → {@code {"organizer":"<name>"}}: lets the web page check an
 * organizer's sign-in (and show the name) before it calls anything else.
 */
@Path("/api/organizer/whoami")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(OrganizerAuthProblems.ROLE)
public class OrganizerWhoAmIResource {

    private final SecurityIdentity identity;

    OrganizerWhoAmIResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public Map<String, String> whoami() {
        return Map.of("organizer", identity.getPrincipal().getName());
    }
}
