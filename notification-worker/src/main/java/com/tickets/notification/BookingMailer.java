package com.tickets.notification;

import com.tickets.events.BookingData;
import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.events.EventTypes;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Mails buyers about their bookings: confirmation (one ticket code per ticket, and a link that
 * manages the booking), cancellation, expiry and refund. No mail for a hold (BookingCreated): the
 * buyer has the API's answer.
 *
 * <p>{@code booking.events} comes in a poll's worth of records at a time ({@code batch=true},
 * application.properties), mailed by {@link BatchMailer}: one statement records the batch's intents,
 * the mails go out side by side, one statement marks them sent. A record that cannot be read goes
 * to the dead-letter topic alone (no retry can make it readable). A mail whose send fails (SMTP
 * down) has its record alone nacked: the delayed-retry-topic strategy writes it to the first retry
 * topic, and {@link #onRetries} tries it again after 1, 2, 4, 8, 16 minutes ({@link RetrySchedule}),
 * then dead-letters it. Every other record of the batch is done.
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
    private final RetrySchedule retries;

    BookingMailer(BatchMailer mailer, BuyerLinks links, RetrySchedule retries) {
        this.mailer = mailer;
        this.links = links;
        this.retries = retries;
    }

    @Incoming("booking-events")
    @Blocking
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> onBookingEvents(KafkaRecordBatch<String, String> batch) {
        BatchMailer.Outcome outcome = mailer.mail(batch.getRecords(), event -> plan(event, links));
        List<BatchMailer.Nack> nacks = new ArrayList<>();
        outcome.unreadable().forEach((record, reason) -> nacks.add(new BatchMailer.Nack(record, reason, retries.deadLetter())));
        // no metadata: the channel's delayed-retry-topic strategy picks the first retry topic
        outcome.unsent().forEach((record, reason) -> nacks.add(new BatchMailer.Nack(record, reason, Metadata.empty())));
        BatchMailer.settle(batch, nacks).await().indefinitely();
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The retry topics' records, each tried once it is due. Waiting holds no thread: the channel
     * asks for no more records meanwhile, and Kafka keeps them.
     */
    @Incoming("booking-events-retries")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public Uni<Void> onRetries(KafkaRecordBatch<String, String> batch) {
        return Multi.createFrom().iterable(RetrySchedule.waves(batch.getRecords()))
                .onItem().transformToUniAndConcatenate(wave -> waitUntil(RetrySchedule.lastDue(wave))
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .map(ignored -> retryNacks(wave, mailer.mail(wave, event -> plan(event, links)))))
                .collect().in(ArrayList<BatchMailer.Nack>::new, List::addAll)
                .chain(nacks -> BatchMailer.settle(batch, nacks));
    }

    private List<BatchMailer.Nack> retryNacks(List<KafkaRecord<String, String>> wave, BatchMailer.Outcome outcome) {
        List<BatchMailer.Nack> nacks = new ArrayList<>();
        Instant now = Instant.now();
        outcome.unreadable().forEach((record, reason) -> nacks.add(new BatchMailer.Nack(record, reason, retries.deadLetter())));
        outcome.unsent().forEach((record, reason) -> nacks.add(new BatchMailer.Nack(record, reason,
                retries.nextHop(record, reason, now))));
        return nacks;
    }

    private static Uni<Void> waitUntil(Instant due) {
        return Uni.createFrom().deferred(() -> {
            Duration wait = Duration.between(Instant.now(), due);
            Uni<Void> now = Uni.createFrom().voidItem();
            return wait.isNegative() || wait.isZero() ? now : now.onItem().delayIt().by(wait);
        });
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
        Supplier<MailTemplateInstance> body = switch (kind) {
            case "confirmation" -> () -> Mails.confirmation(booking,
                    links.ticketCodes(booking.bookingId(), booking.quantity()), links.manageBooking(booking.bookingId()));
            case "refund" -> () -> Mails.refund(booking);
            default -> () -> Mails.cancellation(booking, kind.equals("expiry"));
        };
        return Optional.of(new PlannedMail(event.id(), booking.bookingId(), kind, booking.userEmail(), subject, body));
    }
}
