package com.tickets.api.health;

import com.tickets.api.problem.Problem;
import io.agroal.api.AgroalDataSource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/health} for old clients; Kubernetes uses /q/health/live|ready|started. */
@Path("/api/health")
public class LegacyHealthResource {

    private final AgroalDataSource dataSource;
    private final RedisProbe redis;

    LegacyHealthResource(AgroalDataSource dataSource, RedisProbe redis) {
        this.dataSource = dataSource;
        this.redis = redis;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        if (!databaseAnswers()) {
            return new Problem("unavailable", "Service unavailable", 503, "The database is unreachable",
                    "/api/health", Map.of("database", "down", "timestamp", Instant.now())).toResponse();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("timestamp", Instant.now());
        body.put("database", "up");
        body.put("redis", redis.state());
        return Response.ok(body).build();
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }
}
