package com.tickets.api.idempotency;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * SHA-256 of the canonical booking request, so "same payload" ignores formatting: 20 and 20.00
 * are one price, e-mail case does not matter.
 */
public final class RequestFingerprint {
    private RequestFingerprint() {
    }

    public static String of(UUID ticketTierId, String userEmail, int quantity, BigDecimal totalPrice, String currency) {
        return sha256(String.join("\n", ticketTierId.toString(), userEmail.trim().toLowerCase(Locale.ROOT),
                Integer.toString(quantity), totalPrice.stripTrailingZeros().toPlainString(), currency));
    }

    /** A waitlist join's: its own namespace, so it never equals a booking's. */
    public static String ofWaitlistJoin(UUID ticketTierId, String userEmail, int quantity) {
        return sha256(String.join("\n", "waitlist", ticketTierId.toString(), userEmail.trim().toLowerCase(Locale.ROOT),
                Integer.toString(quantity)));
    }

    private static String sha256(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
