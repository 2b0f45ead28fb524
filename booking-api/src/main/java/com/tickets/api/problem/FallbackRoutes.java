package com.tickets.api.problem;

import com.tickets.events.EventJson;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * Errors raised by the HTTP layer before a JAX-RS resource is reached (no route at all, a body
 * over the size limit) also leave as problem+json instead of Vert.x's empty or plain-text pages.
 */
public class FallbackRoutes {

    void install(@Observes Router router,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        long limit = maxBodySize.asLongValue();
        // Runs before the body is read: a declared oversize body is refused with a problem, not an empty 413.
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                    && Long.parseLong(length) > limit) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                reply(ctx, 413, "Content Too Large", "The request body is over the " + limit + " byte limit");
            } else {
                ctx.next();
            }
        });
        router.errorHandler(404, ctx -> reply(ctx, 404, "Not Found", "No resource at this path"));
        router.errorHandler(413, ctx -> reply(ctx, 413, "Content Too Large", "The request body is over the size limit"));
    }

    private static void reply(RoutingContext ctx, int status, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        String body = EventJson.write(
                new Problem(ProblemMappers.slug(title), title, status, detail, ctx.normalizedPath(), Map.of()));
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }
}
