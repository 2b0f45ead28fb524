package com.tickets.analytics.projection;

/** A record that can never be applied (unreadable, or missing what the projection needs). */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
