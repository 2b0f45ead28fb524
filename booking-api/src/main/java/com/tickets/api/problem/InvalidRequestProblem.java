package com.tickets.api.problem;

import java.util.List;
import java.util.Map;

/** 400: the request is malformed; {@code errors} names each offending field. */
public class InvalidRequestProblem extends ProblemException {

    public record FieldError(String field, String message) {
    }

    public InvalidRequestProblem(String detail, List<FieldError> errors) {
        super("invalid-request", "Invalid request", 400, detail, Map.of("errors", errors));
    }

    public InvalidRequestProblem(String field, String message) {
        this(field + ": " + message, List.of(new FieldError(field, message)));
    }
}
