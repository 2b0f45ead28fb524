package com.tickets.api.access;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * A buyer's access token: {@code base64url(HMAC-SHA256(secret, normalized e-mail))}.
 *
 * <p>Stateless on purpose: any replica with the same secret issues and checks the same token, so
 * nothing is stored and nothing has to be shared between replicas. The token proves "whoever holds
 * this received it in a 201 for this e-mail"; it does not expire, and rotating
 * {@code BOOKING_ACCESS_SECRET} invalidates every token at once (buyers get a new one with their next
 * booking).
 */
@ApplicationScoped
public class BuyerAccessTokens {

    private static final Logger LOG = Logger.getLogger(BuyerAccessTokens.class);
    private static final String ALGORITHM = "HmacSHA256";
    /** The default in application.properties: fine for local runs and tests, never for production. */
    static final String DEV_SECRET_MARKER = "dev-only";

    private final SecretKeySpec key;
    private final boolean devSecret;

    BuyerAccessTokens(@ConfigProperty(name = "booking.access.secret") String secret) {
        if (secret.length() < 16) {
            throw new IllegalStateException("booking.access.secret (BOOKING_ACCESS_SECRET) must be at least 16 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.devSecret = secret.startsWith(DEV_SECRET_MARKER);
    }

    void warnAboutTheDevSecret(@Observes StartupEvent started) {
        if (devSecret) {
            LOG.warn("booking access tokens are signed with the built-in development secret; set BOOKING_ACCESS_SECRET in production");
        }
    }

    /** The token of the buyer with this e-mail (trimmed and lower-cased, as bookings store it). */
    public String issue(String email) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(normalize(email)));
    }

    /** Whether {@code token} is this e-mail's token; compared in constant time, so timing leaks nothing. */
    public boolean grants(String token, String email) {
        byte[] presented = token.getBytes(StandardCharsets.US_ASCII);
        byte[] expected = issue(email).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(presented, expected);
    }

    public static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private byte[] mac(String normalizedEmail) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(normalizedEmail.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
