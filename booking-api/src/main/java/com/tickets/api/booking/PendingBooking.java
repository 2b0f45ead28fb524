package com.tickets.api.booking;

import java.util.concurrent.CompletableFuture;

/** A booking request waiting for its batch: the command, its fingerprint, and where its answer goes. */
record PendingBooking(BookingCommand command, String fingerprint, CompletableFuture<BookingOutcome> answer) {

    String key() {
        return command.idempotencyKey();
    }
}
