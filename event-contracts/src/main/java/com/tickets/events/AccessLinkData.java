package com.tickets.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Payload of {@code SignInLinkRequested} on {@code access.events}: a buyer asked for a sign-in link.
 * It carries no secret: the notification-worker derives the link's token from {@code linkId} with
 * the buyer-access key ({@link com.tickets.events.signing.BuyerTokens}).
 */
public record AccessLinkData(UUID linkId, String email, Instant expiresAt) {
}
