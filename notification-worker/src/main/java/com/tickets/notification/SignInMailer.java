package com.tickets.notification;

import com.tickets.events.AccessLinkData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Mails sign-in links ({@code SignInLinkRequested} on {@code access.events}), once per event, like
 * {@link BookingMailer} and through the same {@link BatchMailer}: sign-in mails are few, but batching
 * them costs nothing here (a poll hands over whatever is there, so a lone request is not held back),
 * and one send path is simpler than two. A link that expired before it could be mailed is not sent:
 * it would open nothing. A failed send, and a record that cannot be read, go to the dead-letter
 * topic rather than retry topics: the link lives 15 minutes, so a retry an hour later is useless, and
 * the buyer can simply ask again.
 */
@ApplicationScoped
public class SignInMailer {

    private final BatchMailer mailer;
    private final BuyerLinks links;
    private final MeterRegistry registry;

    SignInMailer(BatchMailer mailer, BuyerLinks links, MeterRegistry registry) {
        this.mailer = mailer;
        this.links = links;
        this.registry = registry;
    }

    @Incoming("access-events")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onAccessEvents(KafkaRecordBatch<String, String> batch) {
        BatchMailer.Outcome outcome = mailer.mail(batch.getRecords(), this::planCounted);
        List<BatchMailer.Nack> nacks = new ArrayList<>();
        outcome.unreadable().forEach((record, reason) -> nacks.add(new BatchMailer.Nack(record, reason, Metadata.empty())));
        outcome.unsent().forEach((record, reason) -> nacks.add(new BatchMailer.Nack(record, reason, Metadata.empty())));
        BatchMailer.settle(batch, nacks).await().indefinitely();
        return CompletableFuture.completedFuture(null);
    }

    private Optional<PlannedMail> planCounted(EventEnvelope event) {
        Optional<PlannedMail> mail = plan(event, links, Instant.now());
        if (mail.isEmpty() && EventTypes.SIGN_IN_LINK_REQUESTED.equals(event.type())) {
            registry.counter("notifications.skipped", "kind", "sign-in", "reason", "expired").increment();
        }
        return mail;
    }

    /** The sign-in mail an event calls for; empty for another event, or for a link expired by {@code now}. */
    static Optional<PlannedMail> plan(EventEnvelope event, BuyerLinks links, Instant now) {
        if (!EventTypes.SIGN_IN_LINK_REQUESTED.equals(event.type())) {
            return Optional.empty();
        }
        AccessLinkData link = EventJson.data(event, AccessLinkData.class);
        if (!link.expiresAt().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new PlannedMail(event.id(), null, "sign-in", link.email(),
                "Your sign-in link for Concert Tickets", () -> Mails.signIn(links.signIn(link.linkId()), link.expiresAt())));
    }
}
