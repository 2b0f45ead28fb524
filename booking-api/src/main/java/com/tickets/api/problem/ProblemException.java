package com.tickets.api.problem;

import java.util.Map;

/**
 * A failure the client can act on, rendered as problem+json by {@link ProblemMappers}. Each
 * subclass is one kind of problem; none is ever logged as an error.
 */
public abstract class ProblemException extends RuntimeException {

    private final String typeName;
    private final String title;
    private final int status;
    private final transient Map<String, Object> extensions;

    protected ProblemException(String typeName, String title, int status, String detail,
                               Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.typeName = typeName;
        this.title = title;
        this.status = status;
        this.extensions = extensions;
    }

    public int status() {
        return status;
    }

    /** The problem's type, the last segment of its {@code type} URI ({@code sold-out}). */
    public String typeName() {
        return typeName;
    }

    /** Response headers that belong to this problem (WWW-Authenticate, Retry-After); none by default. */
    public Map<String, String> headers() {
        return Map.of();
    }

    public Problem toProblem(String instance) {
        return new Problem(typeName, title, status, getMessage(), instance, extensions);
    }
}
