package com.tickets.analytics.rebuild;

import java.time.Instant;

/** The state of the last rebuild, as {@code GET /api/analytics/rebuild} shows it. */
public record RebuildProgress(State state, Instant startedAt, Instant finishedAt, long recordsRead,
                              long recordsSkipped, String error) {

    public enum State { IDLE, RUNNING, DONE, FAILED }

    static RebuildProgress idle() {
        return new RebuildProgress(State.IDLE, null, null, 0, 0, null);
    }

    static RebuildProgress running(Instant startedAt, long read, long skipped) {
        return new RebuildProgress(State.RUNNING, startedAt, null, read, skipped, null);
    }

    RebuildProgress done(long read, long skipped) {
        return new RebuildProgress(State.DONE, startedAt, Instant.now(), read, skipped, null);
    }

    RebuildProgress failed(long read, long skipped, String error) {
        return new RebuildProgress(State.FAILED, startedAt, Instant.now(), read, skipped, error);
    }
}
