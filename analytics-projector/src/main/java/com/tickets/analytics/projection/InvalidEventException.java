package com.tickets.analytics.projection;

/** A record that can never be applied (unreadable, or missing what the projection needs). */
public class InvalidEventException extends RuntimeException {

    private final String eventType;

    public InvalidEventException(String message) {
        this(null, message, null);
    }

    public InvalidEventException(String message, Throwable cause) {
        this(null, message, cause);
    }

    InvalidEventException(String eventType, String message, Throwable cause) {
        super(message, cause);
        this.eventType = eventType;
    }

    /** The event's type when the record could be read that far (for the metrics); null otherwise. */
    public String eventType() {
        return eventType;
    }
}
