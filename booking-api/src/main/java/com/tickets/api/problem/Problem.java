package com.tickets.api.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem detail. Extension members are flattened into the JSON object. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    /** Problem types are URIs under this base; the last segment names the problem. */
    public static final String TYPE_BASE = "https://tickets.example.com/problems/";

    public final URI type;
    public final String title;
    public final int status;
    public final String detail;
    public final String instance;
    private final Map<String, Object> extensions;

    public Problem(String typeName, String title, int status, String detail, String instance,
                   Map<String, Object> extensions) {
        this.type = URI.create(TYPE_BASE + typeName);
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
