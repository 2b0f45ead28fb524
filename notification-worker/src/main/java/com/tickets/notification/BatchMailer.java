package com.tickets.notification;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.observability.Traceparents;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Mails a batch of records, at most once in effect per event: (1) read each record and decide its
 * mail; (2) record every intent in the notifications table and claim those not sent yet; (3) send
 * the claimed mails side by side; (4) mark the sent ones. Statements per batch: three, whatever its
 * size ({@link Notifications}).
 *
 * <p>The intent/sent pair is this service's record of applied events. The other consumers record
 * an event as applied in the same transaction as its effect (the shared applied-events library);
 * a mail cannot be inside a database transaction, so its record has two steps around the send. A
 * redelivered event whose mail is marked sent sends nothing. A crash between send and mark leaves
 * the intent pending, and the redelivery sends once more, with the same Message-ID header, which
 * mail clients use to drop the copy. That window cannot be closed from our side: SMTP has no
 * idempotency key.
 *
 * <p>What the channel does with the records comes back as an {@link Outcome}: an unreadable record
 * and a record whose mail could not be sent are reported each on its own, every other record is
 * done, whatever happened to its neighbours.
 *
 * <p>Each send is a span ({@code send <kind> mail}) in its event's trace: a child of the record's
 * (SmallRye's span for it, a child of its {@code traceparent} header), so a booking's trace ends with the
 * mail that told the buyer.
 */
@ApplicationScoped
public class BatchMailer {

    private static final Logger LOG = Logger.getLogger(BatchMailer.class);

    /** Decides the mail an event calls for, if any; throws if the event's data cannot be read. */
    @FunctionalInterface
    public interface Planner {
        Optional<PlannedMail> plan(EventEnvelope event);
    }

    /**
     * What became of a batch's records: those not readable as an event (no retry can help them), and
     * those whose mail is still owed (the send failed, or the database did), each with the reason.
     * Every other record is done: mailed and marked, or calling for no mail, or mailed before.
     */
    public record Outcome(Map<KafkaRecord<String, String>, Throwable> unreadable,
                          Map<KafkaRecord<String, String>, Throwable> unsent) {
    }

    /** A record to nack, with why and where its failure strategy is to send it. */
    public record Nack(KafkaRecord<String, String> record, Throwable reason, Metadata metadata) {
    }

    private record SendResult(PlannedMail mail, Throwable failure) {
    }

    private final Notifications notifications;
    private final MailSender sender;
    private final SendConfig config;
    private final MeterRegistry registry;
    private final Tracer tracer;
    private final AtomicInteger inFlight = new AtomicInteger();

    BatchMailer(Notifications notifications, MailSender sender, SendConfig config, MeterRegistry registry, Tracer tracer) {
        this.notifications = notifications;
        this.sender = sender;
        this.config = config;
        this.registry = registry;
        this.tracer = tracer;
        registry.gauge("notifications.sends.in.flight", inFlight);
    }

    /**
     * Mails what the records call for and reports what became of each. Blocking (JDBC, and it waits
     * for the batch's sends): call it on a worker thread. The sends themselves hold no thread.
     */
    public Outcome mail(List<? extends KafkaRecord<String, String>> records, Planner planner) {
        Map<KafkaRecord<String, String>, Throwable> unreadable = new IdentityHashMap<>();
        Map<KafkaRecord<String, String>, Throwable> unsent = new IdentityHashMap<>();
        Map<UUID, PlannedMail> mails = new LinkedHashMap<>();
        Map<UUID, List<KafkaRecord<String, String>>> recordsOf = new LinkedHashMap<>();
        Map<UUID, Context> traceOf = new LinkedHashMap<>();
        for (KafkaRecord<String, String> record : records) {
            Optional<PlannedMail> mail;
            try {
                mail = planner.plan(EventJson.read(record.getPayload()));
            } catch (RuntimeException e) {
                LOG.errorf("unreadable record at %s: %s", where(record), e.getMessage());
                unreadable.put(record, e);
                continue;
            }
            // the same event twice in one batch (a redelivery) is one mail; both records share its fate
            mail.ifPresent(m -> {
                mails.putIfAbsent(m.eventId(), m);
                traceOf.putIfAbsent(m.eventId(), Traceparents.contextOf(record));
                recordsOf.computeIfAbsent(m.eventId(), id -> new ArrayList<>()).add(record);
            });
        }
        if (mails.isEmpty()) {
            return new Outcome(unreadable, unsent);
        }

        Set<UUID> toSend;
        try {
            toSend = notifications.intend(mails.values().stream().map(PlannedMail::intent).toList());
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not record the intents of %d mail(s); they go to the retry topics", mails.size());
            recordsOf.values().forEach(rs -> rs.forEach(r -> unsent.put(r, e)));
            return new Outcome(unreadable, unsent);
        }

        List<SendResult> results = sendAll(mails.values().stream().filter(m -> toSend.contains(m.eventId())).toList(), traceOf);
        List<PlannedMail> sent = new ArrayList<>();
        for (SendResult result : results) {
            if (result.failure() == null) {
                sent.add(result.mail());
            } else {
                LOG.warnf("mail %s (%s) not sent: %s", result.mail().eventId(), result.mail().kind(),
                        result.failure().getMessage());
                recordsOf.get(result.mail().eventId()).forEach(r -> unsent.put(r, result.failure()));
            }
        }
        if (sent.isEmpty()) {
            return new Outcome(unreadable, unsent);
        }
        try {
            markPatiently(sent.stream().map(PlannedMail::eventId).toList());
        } catch (RuntimeException e) {
            // the mails went out but their rows stay pending: the retry sends them again, with the
            // same Message-ID, and marks them (the one duplicate this design allows)
            LOG.warnf(e, "%d mail(s) sent but not marked sent; they will be sent again", sent.size());
            sent.forEach(m -> recordsOf.get(m.eventId()).forEach(r -> unsent.put(r, e)));
            return new Outcome(unreadable, unsent);
        }
        sent.forEach(m -> registry.counter("notifications.sent", "kind", m.kind()).increment());
        return new Outcome(unreadable, unsent);
    }

    /**
     * Marks mails that went out, retrying a refused mark for {@code notification.sends.mark-retry-for}: past
     * that, the failure goes to the caller, and the retry sends the mails again (the one duplicate left).
     */
    private void markPatiently(List<UUID> eventIds) {
        long deadline = System.nanoTime() + config.markRetryFor().toNanos();
        long pause = 500;
        while (true) {
            try {
                notifications.markSent(eventIds);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
                LOG.warnf("%d mail(s) sent, but their mark failed (%s); trying again in %d ms", eventIds.size(), e.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(5000, pause * 2);
            }
        }
    }

    /**
     * Sends side by side, at most {@code notification.sends.max-concurrent} at once. The mails of one
     * booking (or one waitlist entry) go one after the other, in the order of their events, so a
     * cancellation never overtakes its confirmation, nor an offer's reminder the offer.
     */
    private List<SendResult> sendAll(List<PlannedMail> mails, Map<UUID, Context> traceOf) {
        if (mails.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<PlannedMail>> bySubject = new LinkedHashMap<>();
        for (PlannedMail mail : mails) {
            bySubject.computeIfAbsent(mail.sequenceKey(), k -> new ArrayList<>()).add(mail);
        }
        return Multi.createFrom().iterable(bySubject.values())
                .onItem().transformToMulti(ofOneSubject -> Multi.createFrom().iterable(ofOneSubject)
                        .onItem().transformToUniAndConcatenate(mail -> send(mail, traceOf.get(mail.eventId()))))
                .merge(config.maxConcurrent())
                .collect().asList()
                .await().indefinitely(); // every send times out on its own (MailSender)
    }

    /** One send, a span in the trace of its event ({@code parent}, the record's). */
    private Uni<SendResult> send(PlannedMail mail, Context parent) {
        return Uni.createFrom().deferred(() -> {
                    inFlight.incrementAndGet();
                    Span span = tracer.spanBuilder("send " + mail.kind() + " mail").setSpanKind(SpanKind.CLIENT)
                            .setParent(parent == null ? Context.root() : parent)
                            .setAttribute("event.id", mail.eventId().toString())
                            .setAttribute("booking.id", mail.bookingId() == null ? "" : mail.bookingId().toString())
                            .setAttribute("mail.message_id", mail.messageId())
                            .startSpan();
                    Uni<Void> sending;
                    try {
                        sending = sender.send(mail.render());
                    } catch (RuntimeException e) {
                        sending = Uni.createFrom().failure(e);
                    }
                    return sending
                            .onItemOrFailure().invoke((ignored, failure) -> {
                                if (failure != null) {
                                    span.recordException(failure);
                                    span.setStatus(StatusCode.ERROR);
                                }
                                span.end();
                            });
                })
                .onTermination().invoke(inFlight::decrementAndGet)
                .onItem().transform(ignored -> new SendResult(mail, null))
                .onFailure().recoverWithItem(e -> new SendResult(mail, e));
    }

    /**
     * Nacks the given records (each through the channel's failure strategy, which acknowledges it
     * once it is written to the retry or dead-letter topic), then acknowledges the latest record of
     * each partition, which commits the partition up to it: every record of the batch is then done.
     */
    public static Uni<Void> settle(KafkaRecordBatch<String, String> batch, List<Nack> nacks) {
        Set<KafkaRecord<String, String>> nacked = Collections.newSetFromMap(new IdentityHashMap<>());
        nacks.forEach(n -> nacked.add(n.record()));
        List<KafkaRecord<String, String>> acks = batch.getLatestOffsetRecords().values().stream()
                .filter(r -> !nacked.contains(r)).toList();
        return Multi.createFrom().iterable(nacks)
                .onItem().transformToUniAndConcatenate(n -> Uni.createFrom()
                        .completionStage(() -> n.record().nack(n.reason(), n.metadata())))
                .collect().last()
                .chain(() -> Multi.createFrom().iterable(acks)
                        .onItem().transformToUniAndConcatenate(r -> Uni.createFrom().completionStage(r::ack))
                        .collect().last())
                .replaceWithVoid();
    }

    static String where(KafkaRecord<String, String> record) {
        long offset = record instanceof IncomingKafkaRecord<String, String> r ? r.getOffset() : -1;
        return record.getTopic() + "-" + record.getPartition() + "@" + offset;
    }
}
