package com.tickets.api.payment;

import com.tickets.api.booking.HoldConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How far this service has applied {@code payment.events} ({@link OutcomeWatermark}): the consumer
 * reports each committed batch, and once a second the topic's end offsets and the group's committed
 * offsets are asked for, on the consumer's own polling thread (its connection and credentials; a
 * {@code KafkaConsumer} is not to be shared between threads). The hold sweeper expires nothing that
 * an outcome still on its way could decide.
 *
 * <p>{@code booking_payment_outcomes_applied_lag_seconds}: how far the watermark trails now (a backlog,
 * or Kafka away); while it grows, overdue holds wait (docs/operations.md).
 */
@ApplicationScoped
public class PaymentOutcomeProgress {

    private static final Logger LOG = Logger.getLogger(PaymentOutcomeProgress.class);
    static final String CHANNEL = "payment-events";
    /** Per question to the broker; an outage makes the whole probe fail after about this long. */
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaClientService clients;
    private final String topic;
    private final OutcomeWatermark watermark;
    private volatile boolean reachable = true;

    PaymentOutcomeProgress(KafkaClientService clients, HoldConfig hold, MeterRegistry registry,
                           @ConfigProperty(name = "mp.messaging.incoming.payment-events.topic") String topic) {
        this.clients = clients;
        this.topic = topic;
        this.watermark = new OutcomeWatermark(hold.afterOutage());
        Gauge.builder("booking.payment.outcomes.applied.lag", this, PaymentOutcomeProgress::lagSeconds).baseUnit("seconds")
                .description("How long ago the moment is up to which every payment outcome on the topic is applied; "
                        + "overdue holds are expired only up to that moment")
                .register(registry);
    }

    /** The records of {@code partition} below {@code nextOffset} are applied (or dead-lettered). */
    void applied(int partition, long nextOffset) {
        watermark.applied(partition, nextOffset);
    }

    /** Every payment outcome that had reached the topic by then is applied; empty until that is known. */
    public Optional<Instant> appliedThrough() {
        return watermark.appliedThrough();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void ask() {
        KafkaConsumer<Object, Object> consumer = clients.getConsumer(CHANNEL);
        if (consumer == null) {
            return; // not subscribed yet
        }
        Instant askedAt = Instant.now();
        try {
            Offsets offsets = consumer.runOnPollingThread(c -> {
                List<PartitionInfo> infos = c.partitionsFor(topic, ASK_TIMEOUT);
                Set<TopicPartition> all = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                        .collect(Collectors.toSet());
                return new Offsets(c.endOffsets(all, ASK_TIMEOUT), c.committed(all, ASK_TIMEOUT));
            }).await().atMost(ASK_TIMEOUT.multipliedBy(4));
            watermark.endOffsets(askedAt, byPartition(offsets.ends()), committedByPartition(offsets.committed()));
            if (!reachable) {
                reachable = true;
                LOG.info("payment.events answers again: overdue holds are expired as outcomes are applied");
            }
        } catch (RuntimeException unanswered) {
            watermark.unreachable(askedAt);
            if (reachable) {
                reachable = false;
                LOG.warnf("payment.events' offsets could not be had (%s): overdue holds wait until outcomes are known",
                        unanswered.toString());
            }
        }
    }

    private double lagSeconds() {
        return appliedThrough().map(t -> Duration.between(t, Instant.now()).toMillis() / 1000.0).orElse(Double.NaN);
    }

    private record Offsets(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed) {
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> out = new HashMap<>();
        offsets.forEach((tp, offset) -> out.put(tp.partition(), offset));
        return out;
    }

    private static Map<Integer, Long> committedByPartition(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<Integer, Long> out = new HashMap<>();
        offsets.forEach((tp, committed) -> {
            if (committed != null) {
                out.put(tp.partition(), committed.offset());
            }
        });
        return out;
    }
}
