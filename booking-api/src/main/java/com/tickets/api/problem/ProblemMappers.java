package com.tickets.api.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.tickets.applied.DatabaseFailures;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every error leaves as application/problem+json (RFC 9457): no stack traces, no HTML. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA).entity(e.toProblem(uri.getPath()));
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<InvalidRequestProblem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new InvalidRequestProblem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(InvalidRequestProblem.FieldError::field))
                .toList();
        String detail = errors.stream().map(err -> err.field() + " " + err.message()).collect(Collectors.joining("; "));
        return new InvalidRequestProblem(detail, errors).toProblem(uri.getPath()).toResponse();
    }

    /** Malformed JSON, wrong types, unknown fields: say which field, never echo the input back. */
    /** Registered for the subtypes too, so Quarkus's built-in Jackson mappers (plain JSON bodies) never answer. */
    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, JsonParseException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class, JsonMappingException.class})
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? path(m) : "";
        String message;
        if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
        } else if (e instanceof InvalidFormatException f) {
            message = "must be a " + f.getTargetType().getSimpleName();
        } else if (e instanceof JsonMappingException && !field.isEmpty()) {
            message = "has the wrong type";
        } else {
            field = "body";
            message = "is not valid JSON";
        }
        return new InvalidRequestProblem(field, message).toProblem(uri.getPath()).toResponse();
    }

    /** Framework errors: unknown route (404), wrong method (405), wrong content type (415), ... */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        return new Problem(slug(title), title, status, detailFor(status), uri.getPath(), Map.of()).toResponse();
    }

    /**
     * Anything else is a bug (500), except the database being away or out of connections on any route: that is
     * a 503 with Retry-After, nothing was applied and the same request may simply be sent again.
     */
    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseFailures.isAway(e)) {
            LOG.warnf("%s refused with 503, database unavailable: %s", uri.getPath(), e.toString());
            return problem(new ServiceUnavailableProblem("The database is unavailable; retry in a moment"), uri);
        }
        LOG.error("unexpected failure", e);
        return new Problem("internal-error", "Internal error", 500, "The request could not be completed; it was not applied.",
                uri.getPath(), Map.of()).toResponse();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this path";
            case 406 -> "This resource answers application/json only";
            case 415 -> "Send the body as application/json";
            default -> "The request could not be processed";
        };
    }

    static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** "ticketTiers[0].price", as validation problems name it. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String fieldName(ConstraintViolation<?> v) {
        // "book.request.quantity" -> "quantity", "create.request.ticketTiers[0].price" -> "ticketTiers[0].price":
        // the method and its parameter are left out; a violation of the parameter itself keeps its name
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null && !field.isEmpty()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        if (parameter != null) {
            return parameter;
        }
        String path = v.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }
}
