package com.tickets.api.access;

import java.time.Instant;
import java.util.UUID;

/** A signed-in buyer: whoever holds the session's token proved, by a mailed link, that they read this inbox. */
public record BuyerSession(UUID id, String email, Instant expiresAt) {
}
