package com.tickets.notification;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import com.tickets.retries.RetryTopicReader;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Mails buyers about their bookings: confirmation (one ticket code per ticket), cancellation, expiry and
 * refund, each with the show's date on the venue's clocks ({@link VenueTime}), the venue, and the link that
 * manages the booking. No mail for a hold (BookingCreated): the buyer has the API's answer.
 *
 * <p>{@code booking.events} comes in a poll's worth of records at a time ({@code batch=true},
 * application.properties), mailed by {@link BatchMailer}: one statement records the batch's intents,
 * the mails go out side by side, one statement marks them sent. A record that cannot be read goes
 * to the dead-letter topic alone (no retry can make it readable). A mail whose send fails (SMTP
 * down) has its record alone nacked: the delayed-retry-topic strategy writes it to the first retry
 * topic, and {@link #onRetriedBookingEvent} reads it back and tries it again, then dead-letters it
 * (kafka-retries; docs/events.md, "Retry and dead-letter topics"). Every other record of the batch
 * is done.
 *
 * <p>Acknowledgment is by hand: the nacked records first (the failure strategy acknowledges each once
 * it is written to its retry or dead-letter topic), then each partition's last record of the batch,
 * which commits the partition's offset up to it, once every mail of the batch is sent and marked or
 * its record nacked.
 */
@ApplicationScoped
public class BookingMailer {

    private final BatchMailer mailer;
    private final BuyerLinks links;
    private final Metadata straightToDeadLetterTopic;

    BookingMailer(BatchMailer mailer, BuyerLinks links,
                  @ConfigProperty(name = "mp.messaging.incoming.booking-events.dead-letter-queue.topic") String deadLetterTopic) {
        this.mailer = mailer;
        this.links = links;
        this.straightToDeadLetterTopic = straightTo(deadLetterTopic);
    }

    @Incoming("booking-events")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onBookingEvents(KafkaRecordBatch<String, String> batch) {
        BatchMailer.Outcome outcome = mailer.mail(batch.getRecords(), event -> plan(event, links));
        List<BatchMailer.Nack> nacks = new ArrayList<>();
        outcome.unreadable().forEach((record, reason) -> nacks.add(new BatchMailer.Nack(record, reason, straightToDeadLetterTopic)));
        // no metadata: the channel's delayed-retry-topic strategy picks the first retry topic
        outcome.unsent().forEach((record, reason) -> nacks.add(new BatchMailer.Nack(record, reason, Metadata.empty())));
        BatchMailer.settle(batch, nacks).await().indefinitely();
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A record of the retry topics, mailed once it is due, as a batch of one: the same intent, claim
     * and mark, so a mail already sent is not sent again and a resend keeps its Message-ID. One that
     * fails again is nacked, and the channel's onward-retry-topic strategy sends it to the next retry
     * topic or the dead-letter topic.
     */
    @Incoming("booking-events-retries")
    public Uni<Void> onRetriedBookingEvent(KafkaRecord<String, String> record) {
        return RetryTopicReader.retryWhenDue(record, this::mailAgain);
    }

    /** Why the record's mail is still owed, or null once it is sent and marked (or calls for none). */
    private Throwable mailAgain(KafkaRecord<String, String> record) {
        BatchMailer.Outcome outcome = mailer.mail(List.of(record), event -> plan(event, links));
        Throwable unsent = outcome.unsent().get(record);
        // only readable records reach the retry topics (the batch channel dead-letters the others at
        // once); one that no longer reads takes its remaining retries to the dead-letter topic
        return unsent != null ? unsent : outcome.unreadable().get(record);
    }

    /**
     * A nack's metadata naming the dead-letter topic and its partition 0, which every topic has. The
     * delayed-retry-topic strategy would otherwise write to the partition number the record came
     * from, and the dead-letter topic has fewer partitions than {@code booking.events}
     * (k8s/base/kafka-topics.yaml: 1 and 12). The strategy cannot choose it by itself: only this
     * caller knows that the record skips the retries.
     */
    static Metadata straightTo(String deadLetterTopic) {
        return Metadata.of(OutgoingKafkaRecordMetadata.builder().withTopic(deadLetterTopic).withPartition(0).build());
    }

    /** The mail a booking event calls for, if any: a hold (BookingCreated) and other events call for none. */
    static Optional<PlannedMail> plan(EventEnvelope event, BuyerLinks links) {
        String kind = switch (event.type()) {
            case EventTypes.BOOKING_CONFIRMED -> "confirmation";
            case EventTypes.BOOKING_CANCELLED -> "cancellation";
            case EventTypes.BOOKING_EXPIRED -> "expiry";
            case EventTypes.REFUND_REQUESTED -> "refund";
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        BookingData booking = EventJson.data(event, BookingData.class);
        String subject = switch (kind) {
            case "confirmation" -> "Your tickets for " + booking.concertName();
            case "refund" -> "Your refund for " + booking.concertName();
            case "expiry" -> "Your hold for " + booking.concertName() + " expired";
            default -> "Your booking for " + booking.concertName() + " is cancelled";
        };
        // an event written before bookings carried the venue's zone has a null timeZone: its date shows in UTC
        String concertDate = booking.concertDate() == null ? null : VenueTime.format(booking.concertDate(), booking.timeZone());
        // every booking mail links to the booking's own page with its token, as the confirmation always did: the
        // mail goes to the address the booking was made for, which can open all its bookings with a sign-in link
        // anyway (docs/notifications.md, "The manage link")
        String manageUrl = links.manageBooking(booking.bookingId());
        Supplier<MailTemplateInstance> body = switch (kind) {
            case "confirmation" -> () -> Mails.confirmation(booking, concertDate,
                    links.ticketCodes(booking.bookingId(), booking.quantity()), manageUrl);
            case "refund" -> () -> Mails.refund(booking, concertDate, manageUrl);
            default -> () -> Mails.cancellation(booking, concertDate, kind.equals("expiry"), manageUrl);
        };
        return Optional.of(new PlannedMail(event.id(), booking.bookingId(), kind, booking.userEmail(), subject, body));
    }
}
