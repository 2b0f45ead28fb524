package com.tickets.notification;

import com.tickets.events.AccessLinkData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * Mails sign-in links ({@code SignInLinkRequested} on {@code access.events}), once per event, like
 * {@link BookingMailer}. A link that expired before it could be mailed is not sent: it would open
 * nothing. A failed send goes to the dead-letter topic rather than retry topics: the link lives
 * 15 minutes, so a retry an hour later is useless, and the buyer can simply ask again.
 */
@ApplicationScoped
public class SignInMailer {

    private final Notifications notifications;
    private final MailSender sender;
    private final BuyerLinks links;
    private final MeterRegistry registry;

    SignInMailer(Notifications notifications, MailSender sender, BuyerLinks links, MeterRegistry registry) {
        this.notifications = notifications;
        this.sender = sender;
        this.links = links;
        this.registry = registry;
    }

    @Incoming("access-events")
    @Blocking
    public void onAccessEvent(String json) {
        EventEnvelope event = EventJson.read(json);
        if (!EventTypes.SIGN_IN_LINK_REQUESTED.equals(event.type())) {
            return;
        }
        AccessLinkData link = EventJson.data(event, AccessLinkData.class);
        if (!link.expiresAt().isAfter(Instant.now())) {
            registry.counter("notifications.skipped", "kind", "sign-in", "reason", "expired").increment();
            return;
        }
        String messageId = "<" + event.id() + "@tickets.example.com>";
        if (!notifications.intend(event.id(), null, "sign-in", link.email(), messageId)) {
            return; // already sent
        }
        Mail headers = new Mail().addHeader("Message-ID", messageId);
        sender.send(Mails.signIn(links.signIn(link.linkId()), link.expiresAt()).mail(headers).to(link.email())
                .subject("Your sign-in link for Concert Tickets"));
        notifications.markSent(event.id());
        registry.counter("notifications.sent", "kind", "sign-in").increment();
    }
}
