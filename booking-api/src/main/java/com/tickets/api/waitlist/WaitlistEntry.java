package com.tickets.api.waitlist;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code waitlist_entries}. */
record WaitlistEntry(UUID id, UUID tierId, UUID concertId, String userEmail, int quantity, WaitlistStatus status,
                     long joinedSeq, String idempotencyKey, String fingerprint, Instant joinedAt, Instant offeredAt,
                     Instant offerExpiresAt, UUID bookingId) {
}
