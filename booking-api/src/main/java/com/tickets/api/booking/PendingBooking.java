package com.tickets.api.booking;

import java.util.concurrent.CompletableFuture;

/**
 * A booking request waiting for its batch: the command, its fingerprint, where its answer goes, and the
 * trace of the request ({@code traceparent}, null without one), taken on the request's own thread when it is
 * queued: the batch writer thread that writes its {@code BookingCreated} runs in no request's context.
 */
record PendingBooking(BookingCommand command, String fingerprint, CompletableFuture<BookingOutcome> answer,
                      String traceparent) {

    String key() {
        return command.idempotencyKey();
    }
}
