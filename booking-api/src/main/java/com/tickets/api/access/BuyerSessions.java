package com.tickets.api.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import static com.tickets.api.sql.SqlColumns.instant;
import static com.tickets.api.sql.SqlColumns.rows;

/**
 * Sign-in links and the sessions they open ({@code access_links}, {@code buyer_sessions}).
 *
 * <p>A session token is 256 random bits; only its SHA-256 is stored, so reading the table opens
 * nothing. Sessions are stored rather than signed so that one can be revoked ("sign out", "sign out
 * everywhere") at once, on every replica.
 */
@ApplicationScoped
@Transactional
public class BuyerSessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final BuyerAccessConfig config;

    BuyerSessions(EntityManager em, BuyerAccessConfig config) {
        this.em = em;
        this.config = config;
    }

    /** A token and the session it opens. */
    public record Opened(String token, BuyerSession session) {
    }

    /** Records a new sign-in link for this e-mail; its token is derived from the returned id. */
    public UUID recordLink(String email, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into access_links (id, email, expires_at) values (?1, ?2, ?3)")
                .setParameter(1, id).setParameter(2, email).setParameter(3, Timestamp.from(expiresAt)).executeUpdate();
        return id;
    }

    /**
     * Consumes the link (once: the update matches only an unused, unexpired row, so of two
     * concurrent uses exactly one gets the session) and opens a session for its e-mail.
     */
    public Optional<Opened> openWithLink(UUID linkId) {
        var emails = em.createNativeQuery("""
                        update access_links set used_at = now()
                        where id = ?1 and used_at is null and expires_at > now() returning email""", String.class)
                .setParameter(1, linkId).getResultList();
        if (emails.isEmpty()) {
            return Optional.empty();
        }
        String email = (String) emails.get(0);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = UUID.randomUUID();
        Instant expiresAt = Instant.now().plus(config.sessionTtl()).truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("insert into buyer_sessions (id, email, token_hash, expires_at) values (?1, ?2, ?3, ?4)")
                .setParameter(1, id).setParameter(2, email).setParameter(3, hash(token))
                .setParameter(4, Timestamp.from(expiresAt)).executeUpdate();
        return Optional.of(new Opened(token, new BuyerSession(id, email, expiresAt)));
    }

    /** The live (unexpired, unrevoked) session this token opens, if any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<BuyerSession> find(String token) {
        return rows(em.createNativeQuery("""
                        select id, email, expires_at from buyer_sessions
                        where token_hash = ?1 and revoked_at is null and expires_at > now()""", Object[].class)
                .setParameter(1, hash(token))).findFirst()
                .map(row -> new BuyerSession((UUID) row[0], (String) row[1], instant(row[2])));
    }

    public void revoke(UUID sessionId) {
        em.createNativeQuery("update buyer_sessions set revoked_at = now() where id = ?1 and revoked_at is null")
                .setParameter(1, sessionId).executeUpdate();
    }

    /** Sign out everywhere: every session of this e-mail, on every device. */
    public int revokeAll(String email) {
        return em.createNativeQuery("update buyer_sessions set revoked_at = now() where email = ?1 and revoked_at is null")
                .setParameter(1, email).executeUpdate();
    }

    /** Deletes links and sessions that expired more than {@code retention} ago. */
    public int purgeExpired() {
        Timestamp before = Timestamp.from(Instant.now().minus(config.retention()));
        int links = em.createNativeQuery("delete from access_links where expires_at < ?1").setParameter(1, before).executeUpdate();
        int sessions = em.createNativeQuery("delete from buyer_sessions where expires_at < ?1").setParameter(1, before).executeUpdate();
        return links + sessions;
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
