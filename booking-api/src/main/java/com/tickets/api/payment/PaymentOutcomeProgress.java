package com.tickets.api.payment;

import com.tickets.api.booking.HoldConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * How far this service has applied {@code payment.events} ({@link OutcomeWatermark}): the consumer
 * reports each committed batch, and once a second the topic's end offsets and the group's committed
 * offsets are asked for by an admin client with the consumer's connection settings. The hold sweeper
 * expires nothing that an outcome still on its way could decide.
 *
 * <p>{@code booking_payment_outcomes_applied_lag_seconds}: how far the watermark trails now (a backlog,
 * or Kafka away); while it grows, overdue holds wait (docs/operations.md).
 */
@ApplicationScoped
public class PaymentOutcomeProgress {

    private static final Logger LOG = Logger.getLogger(PaymentOutcomeProgress.class);
    static final String CHANNEL = "payment-events";
    /** Per question to the broker; an outage makes a probe fail after about this long. */
    private static final int TIMEOUT_MS = 2_000;

    private final KafkaClientService clients;
    private final String topic;
    private final OutcomeWatermark watermark;
    private volatile boolean reachable = true;
    private Admin admin;
    private String group;

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
        Admin admin = admin();
        if (admin == null) {
            return; // the channel has no consumer yet
        }
        Instant askedAt = Instant.now();
        try {
            Set<TopicPartition> all = admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(TIMEOUT_MS))
                    .allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> latest = all.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions().timeoutMs(TIMEOUT_MS)).all().get()
                    .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
            Map<Integer, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().timeoutMs(TIMEOUT_MS))
                    .partitionsToOffsetAndMetadata().get().forEach((tp, offset) -> {
                        if (offset != null && tp.topic().equals(topic)) {
                            committed.put(tp.partition(), offset.offset());
                        }
                    });
            watermark.endOffsets(askedAt, ends, committed);
            if (!reachable) {
                reachable = true;
                LOG.info("payment.events answers again: overdue holds are expired as outcomes are applied");
            }
        } catch (ExecutionException | RuntimeException unanswered) {
            unanswered(askedAt, unanswered);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            unanswered(askedAt, interrupted);
        }
    }

    private void unanswered(Instant askedAt, Exception why) {
        watermark.unreachable(askedAt);
        if (reachable) {
            reachable = false;
            LOG.warnf("payment.events' offsets could not be had (%s): overdue holds wait until outcomes are known", why.toString());
        }
    }

    /**
     * An admin client with the channel consumer's own connection settings (servers, TLS, SASL), so it
     * reaches the broker as the consumer does; a client of its own, so the questions never hold up the
     * consumer's polling thread (during an outage each would block it for the timeout).
     */
    private synchronized Admin admin() {
        if (admin == null) {
            KafkaConsumer<Object, Object> consumer = clients.getConsumer(CHANNEL);
            if (consumer == null) {
                return null;
            }
            Map<String, Object> settings = new HashMap<>();
            consumer.configuration().forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                    settings.put(key, value);
                }
            });
            settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "booking-api-outcome-progress");
            group = String.valueOf(consumer.configuration().get(ConsumerConfig.GROUP_ID_CONFIG));
            admin = Admin.create(settings);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private double lagSeconds() {
        return appliedThrough().map(t -> Duration.between(t, Instant.now()).toMillis() / 1000.0).orElse(Double.NaN);
    }

}
