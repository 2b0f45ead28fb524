package com.tickets.api.problem;

import java.util.Map;

public class NotFoundProblem extends ProblemException {
    public NotFoundProblem(String what, Object id) {
        super("not-found", "Not found", 404, "No " + what + " with id " + id, Map.of());
    }
}
