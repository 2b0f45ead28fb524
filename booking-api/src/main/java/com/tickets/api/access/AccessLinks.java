package com.tickets.api.access;

import com.tickets.api.booking.Booking;
import com.tickets.api.outbox.Outbox;
import com.tickets.events.AccessLinkData;
import com.tickets.events.EventTypes;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Mails a sign-in link to an e-mail that has bookings: the link row and its
 * {@code SignInLinkRequested} event (to {@code access.events}, for the notification-worker) commit
 * together. Addresses without bookings get nothing, so the endpoint cannot be used to mail strangers.
 *
 * <p>The work runs after the 202 has been sent, on a worker thread: the answer is the same, and
 * takes the same time, whether or not the e-mail has bookings.
 */
@ApplicationScoped
public class AccessLinks {

    private static final Logger LOG = Logger.getLogger(AccessLinks.class);

    private final BuyerSessions sessions;
    private final Outbox outbox;
    private final BuyerAccessConfig config;

    AccessLinks(BuyerSessions sessions, Outbox outbox, BuyerAccessConfig config) {
        this.sessions = sessions;
        this.outbox = outbox;
        this.config = config;
    }

    public void requestInBackground(String normalizedEmail) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                request(normalizedEmail);
            } catch (RuntimeException e) {
                LOG.warnf("sign-in link not recorded (the buyer can ask again): %s", e.toString());
            }
        });
    }

    /** Whether a link was recorded (the e-mail has bookings). */
    boolean request(String normalizedEmail) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (Booking.countByEmail(normalizedEmail) == 0) {
                return false;
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Instant expiresAt = now.plus(config.signInLinkTtl());
            UUID linkId = sessions.recordLink(normalizedEmail, expiresAt);
            outbox.append(new Outbox.Entry(EventTypes.AGGREGATE_ACCESS_LINK, linkId.toString(),
                    EventTypes.SIGN_IN_LINK_REQUESTED, null, new AccessLinkData(linkId, normalizedEmail, expiresAt), now));
            return true;
        });
    }
}
