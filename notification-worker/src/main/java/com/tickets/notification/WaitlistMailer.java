package com.tickets.notification;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.events.WaitlistData;
import com.tickets.retries.RetryTopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Mails waitlist offers from {@code waitlist.events}: {@code WaitlistOfferMade} (the tickets held for
 * the buyer until the offer's window closes, and the link that claims them) and
 * {@code WaitlistOfferExpiring} (the reminder, shortly before it closes). Every other waitlist event
 * calls for no mail. Dates are shown in the venue's own time ({@link VenueTime}); the claim link's
 * token is derived here from the entry id ({@link BuyerLinks#claimWaitlistOffer}).
 *
 * <p>The same path as {@link BookingMailer}: a poll's worth of records at a time through
 * {@link BatchMailer} (one statement records the intents, the mails go out side by side, one statement
 * marks them sent), so a redelivered event whose mail is sent sends nothing. A record that cannot be
 * read goes to the dead-letter topic at once; a mail whose send fails has its record alone nacked to
 * the first retry topic, and {@link #onRetriedWaitlistEvent} tries it again once it is due, then
 * dead-letters it (kafka-retries). An offer whose window has closed by the time its mail (or its
 * reminder) could go out is not mailed at all, like an expired sign-in link: its link would only
 * answer that the offer expired, and the tickets have passed on.
 */
@ApplicationScoped
public class WaitlistMailer {

    static final String OFFER = "waitlist-offer";
    static final String REMINDER = "waitlist-reminder";

    private final BatchMailer mailer;
    private final BuyerLinks links;
    private final MeterRegistry registry;
    private final Metadata straightToDeadLetterTopic;

    WaitlistMailer(BatchMailer mailer, BuyerLinks links, MeterRegistry registry,
                   @ConfigProperty(name = "mp.messaging.incoming.waitlist-events.dead-letter-queue.topic") String deadLetterTopic) {
        this.mailer = mailer;
        this.links = links;
        this.registry = registry;
        this.straightToDeadLetterTopic = BookingMailer.straightTo(deadLetterTopic);
    }

    @Incoming("waitlist-events")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onWaitlistEvents(KafkaRecordBatch<String, String> batch) {
        BatchMailer.Outcome outcome = mailer.mail(batch.getRecords(), this::planCounted);
        List<BatchMailer.Nack> nacks = new ArrayList<>();
        outcome.unreadable().forEach((record, reason) -> nacks.add(new BatchMailer.Nack(record, reason, straightToDeadLetterTopic)));
        // no metadata: the channel's delayed-retry-topic strategy picks the first retry topic
        outcome.unsent().forEach((record, reason) -> nacks.add(new BatchMailer.Nack(record, reason, Metadata.empty())));
        BatchMailer.settle(batch, nacks).await().indefinitely();
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A record of the retry topics, mailed once it is due, as a batch of one (see
     * {@link BookingMailer#onRetriedBookingEvent}); an offer that expired meanwhile is done without a mail.
     */
    @Incoming("waitlist-events-retries")
    public Uni<Void> onRetriedWaitlistEvent(KafkaRecord<String, String> record) {
        return RetryTopicReader.retryWhenDue(record, this::mailAgain);
    }

    /** Why the record's mail is still owed, or null once it is sent and marked (or calls for none). */
    private Throwable mailAgain(KafkaRecord<String, String> record) {
        BatchMailer.Outcome outcome = mailer.mail(List.of(record), this::planCounted);
        Throwable unsent = outcome.unsent().get(record);
        return unsent != null ? unsent : outcome.unreadable().get(record);
    }

    private Optional<PlannedMail> planCounted(EventEnvelope event) {
        Optional<PlannedMail> mail = plan(event, links, Instant.now());
        if (mail.isEmpty() && kindOf(event) != null) {
            registry.counter("notifications.skipped", "kind", kindOf(event), "reason", "expired").increment();
        }
        return mail;
    }

    /**
     * The mail a waitlist event calls for: the offer or its reminder, while the offer is still open at
     * {@code now}; empty for every other event.
     *
     * @throws IllegalArgumentException if an offer event lacks what its mail needs (no retry can help)
     */
    static Optional<PlannedMail> plan(EventEnvelope event, BuyerLinks links, Instant now) {
        String kind = kindOf(event);
        if (kind == null) {
            return Optional.empty();
        }
        WaitlistData entry = EventJson.data(event, WaitlistData.class);
        if (entry == null || entry.entryId() == null || entry.userEmail() == null || entry.offerExpiresAt() == null
                || entry.concertName() == null) {
            throw new IllegalArgumentException(event.type() + " " + event.id()
                    + " needs entryId, userEmail, concertName and offerExpiresAt");
        }
        if (!entry.offerExpiresAt().isAfter(now)) {
            return Optional.empty();
        }
        String expiresAt = VenueTime.format(entry.offerExpiresAt(), entry.timeZone());
        String concertDate = entry.concertDate() == null ? null : VenueTime.format(entry.concertDate(), entry.timeZone());
        BigDecimal total = entry.unitPrice() == null ? null : entry.unitPrice().multiply(BigDecimal.valueOf(entry.quantity()));
        String claimUrl = links.claimWaitlistOffer(entry.entryId());
        String subject;
        Supplier<MailTemplateInstance> body;
        if (kind.equals(OFFER)) {
            subject = "Tickets for " + entry.concertName() + " are held for you until " + expiresAt;
            body = () -> Mails.waitlistOffer(entry, concertDate, expiresAt, total, claimUrl);
        } else {
            subject = "Reminder: your offer for " + entry.concertName() + " ends at " + expiresAt;
            body = () -> Mails.waitlistReminder(entry, concertDate, expiresAt, total, claimUrl);
        }
        return Optional.of(PlannedMail.aboutWaitlistEntry(event.id(), entry.entryId(), kind, entry.userEmail(), subject, body));
    }

    private static String kindOf(EventEnvelope event) {
        return switch (event.type()) {
            case EventTypes.WAITLIST_OFFER_MADE -> OFFER;
            case EventTypes.WAITLIST_OFFER_EXPIRING -> REMINDER;
            default -> null;
        };
    }
}
