package com.tickets.api.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;

import java.util.Map;

/**
 * Errors raised by the HTTP layer before a JAX-RS resource is reached (no route at all, a body
 * over the size limit) also leave as problem+json instead of Vert.x's plain-text pages.
 */
public class FallbackRoutes {

    void install(@Observes Router router) {
        router.errorHandler(404, ctx -> reply(ctx, 404, "Not Found", "No resource at this path"));
        router.errorHandler(413, ctx -> reply(ctx, 413, "Content Too Large", "The request body is over the size limit"));
    }

    private static void reply(RoutingContext ctx, int status, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        String body = com.tickets.events.EventJson.write(
                new Problem(ProblemMappers.slug(title), title, status, detail, ctx.normalizedPath(), Map.of()));
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
