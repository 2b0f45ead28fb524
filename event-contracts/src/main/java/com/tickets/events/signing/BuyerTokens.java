package com.tickets.events.signing;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The bearer secrets a buyer receives, derived from an id with the buyer-access key
 * ({@code BOOKING_ACCESS_SECRET}), which booking-api (checks them) and notification-worker (puts them
 * in mails) both hold. Derived rather than stored so that no secret ever travels on a Kafka topic:
 * events carry the id, the mailer signs it.
 *
 * <ul>
 *   <li>a booking's access token: {@code base64url(HMAC(key, "booking", bookingId))} — manages that
 *       booking only; the same for every answer about it, so an idempotent replay stays byte for byte;</li>
 *   <li>a sign-in link token: {@code <linkId>.<base64url(HMAC(key, "sign-in", linkId))>} — the id
 *       says which row to consume (once, before it expires), the MAC that we issued it.</li>
 *   <li>a waitlist entry's token: {@code base64url(HMAC(key, "waitlist", entryId))} — reads the entry's
 *       position and leaves the list;</li>
 *   <li>a waitlist offer's claim token: {@code <entryId>.<base64url(HMAC(key, "waitlist-offer", entryId))>} —
 *       what the offer mail's link carries; the id says which entry's offer to claim.</li>
 * </ul>
 */
public final class BuyerTokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Hmac hmac;

    public BuyerTokens(String secret) {
        this.hmac = new Hmac(secret);
    }

    public String bookingToken(UUID bookingId) {
        return BASE64URL.encodeToString(hmac.sign("booking", bookingId.toString()));
    }

    public boolean grantsBooking(String token, UUID bookingId) {
        return Hmac.same(token, bookingToken(bookingId));
    }

    public String signInToken(UUID linkId) {
        return linkId + "." + BASE64URL.encodeToString(hmac.sign("sign-in", linkId.toString()));
    }

    /** The link id of a sign-in token we issued; empty for anything else (malformed, forged). */
    public Optional<UUID> signInLinkId(String token) {
        return idOf(token).filter(id -> Hmac.same(token, signInToken(id)));
    }

    public String waitlistToken(UUID entryId) {
        return BASE64URL.encodeToString(hmac.sign("waitlist", entryId.toString()));
    }

    public boolean grantsWaitlistEntry(String token, UUID entryId) {
        return Hmac.same(token, waitlistToken(entryId));
    }

    public String waitlistOfferToken(UUID entryId) {
        return entryId + "." + BASE64URL.encodeToString(hmac.sign("waitlist-offer", entryId.toString()));
    }

    /** The entry id of an offer token we issued; empty for anything else (malformed, forged). */
    public Optional<UUID> waitlistOfferEntryId(String token) {
        return idOf(token).filter(id -> Hmac.same(token, waitlistOfferToken(id)));
    }

    private static Optional<UUID> idOf(String token) {
        if (token == null || token.indexOf('.') != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(token.substring(0, 36)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
