package com.tickets.analytics.dashboard;

import java.util.List;
import java.util.Map;

/** 400: the dashboard's query parameters are malformed; each offending field is named. */
public class BadQueryException extends RuntimeException {
    private final transient List<Map<String, String>> errors;

    public BadQueryException(List<Map<String, String>> errors) {
        super("invalid query parameters", null, false, false);
        this.errors = errors;
    }

    public List<Map<String, String>> errors() {
        return errors;
    }
}
