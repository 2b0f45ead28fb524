package com.tickets.api.ui;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.Optional;

/**
 * What the web page needs to know at run time: where the organizers' dashboard API is. Empty means
 * "same origin" (the Ingress routes /api/analytics there); the local run points it at port 8083.
 */
@Path("/api/ui-config")
public class UiConfigResource {

    private final String analyticsUrl;

    UiConfigResource(@ConfigProperty(name = "booking.ui.analytics-url") Optional<String> analyticsUrl) {
        this.analyticsUrl = analyticsUrl.orElse("");
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> config() {
        return Map.of("analyticsUrl", analyticsUrl);
    }
}
