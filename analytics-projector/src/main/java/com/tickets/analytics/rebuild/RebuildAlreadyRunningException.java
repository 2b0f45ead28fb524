package com.tickets.analytics.rebuild;

/** 409: one rebuild at a time. */
public class RebuildAlreadyRunningException extends RuntimeException {
    public RebuildAlreadyRunningException() {
        super("a rebuild is already running", null, false, false);
    }
}
