package com.tickets.analytics.rebuild;

import com.tickets.analytics.projection.BookingFacts;
import com.tickets.analytics.projection.ProjectionApplier;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds the projection from the start of the topics: forget every fact and waitlist entry, then
 * read every partition of the three topics from the beginning up to the end offsets seen after the
 * truncation, applying each poll's records in one transaction with the same code as the live consumers.
 *
 * <p>Why a plain, group-less {@link KafkaConsumer} instead of rewinding the SmallRye channels: a
 * channel only owns the partitions the group gave to this replica, so with two or more replicas a
 * rewind on one would leave the others' partitions unread. An assigned consumer reads all of them
 * without joining (or disturbing) the {@code analytics-projector} group.
 *
 * <p>Why the live consumers may keep running: every event that existed when the truncation ended
 * is re-applied by this reader; every later one is applied by the live consumers after the
 * truncation; and applying twice, or in another order, changes nothing.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final BookingFacts facts;
    private final ProjectionApplier applier;
    private final String bootstrapServers;
    /** The service's Kafka login (security.protocol, sasl.*, ssl.*), so the rebuild may read where the consumers may. */
    private final Map<String, Object> kafkaSecurity;
    private final List<String> topics;
    private final AtomicReference<RebuildProgress> progress = new AtomicReference<>(RebuildProgress.idle());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "analytics-rebuild");
        t.setDaemon(true);
        return t;
    });

    ProjectionRebuild(BookingFacts facts, ProjectionApplier applier,
                      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                      @ConfigProperty(name = "analytics.topic.booking-events") String bookingTopic,
                      @ConfigProperty(name = "analytics.topic.payment-events") String paymentTopic,
                      @ConfigProperty(name = "analytics.topic.waitlist-events") String waitlistTopic,
                      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.facts = facts;
        this.kafkaSecurity = security(kafkaConfig);
        this.applier = applier;
        this.bootstrapServers = bootstrapServers;
        this.topics = List.of(bookingTopic, paymentTopic, waitlistTopic);
    }

    public RebuildProgress progress() {
        return progress.get();
    }

    /**
     * Truncates the projection now and starts re-reading the topics in the background.
     *
     * @throws RebuildAlreadyRunningException if a rebuild has not finished yet
     */
    public RebuildProgress start() throws SQLException {
        RebuildProgress current = progress.get();
        RebuildProgress started = RebuildProgress.running(Instant.now(), 0, 0);
        if (current.state() == RebuildProgress.State.RUNNING || !progress.compareAndSet(current, started)) {
            throw new RebuildAlreadyRunningException();
        }
        try {
            facts.clear();
        } catch (SQLException | RuntimeException e) {
            progress.set(started.failed(0, 0, "truncate failed: " + e.getMessage()));
            throw e;
        }
        LOG.infof("projection cleared; re-reading %s from the beginning", topics);
        worker.submit(() -> replay(started));
        return started;
    }

    private void replay(RebuildProgress started) {
        long read = 0;
        long skipped = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            while (!caughtUp(consumer, end)) {
                // a poll's worth of records per transaction, as for the live consumers
                List<ConsumerRecord<String, String>> chunk = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    // the live consumers apply what came after the truncation
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        chunk.add(record);
                    }
                }
                read += chunk.size();
                SortedMap<Integer, Exception> refused = applier.apply(chunk.stream().map(ConsumerRecord::value).toList());
                // the live consumers already sent these records through the retry topics to the DLQ
                skipped += refused.size();
                refused.forEach((index, reason) -> LOG.debugf("rebuild skips %s-%d@%d: %s", chunk.get(index).topic(),
                        chunk.get(index).partition(), chunk.get(index).offset(), reason.getMessage()));
                progress.set(RebuildProgress.running(started.startedAt(), read, skipped));
            }
            progress.set(started.done(read, skipped));
            LOG.infof("projection rebuilt from %d records (%d skipped: they can never be applied)", read, skipped);
        } catch (Exception e) {
            progress.set(started.failed(read, skipped, e.getMessage()));
            LOG.error("projection rebuild failed; the dashboard is incomplete until a rebuild succeeds", e);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        return partitions;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), METADATA_TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafkaSecurity);
        config.putAll(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "analytics-projector-rebuild",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        return config;
    }

    static Map<String, Object> security(Map<String, Object> kafkaConfig) {
        Map<String, Object> security = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if ((key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl."))
                    && value != null && !value.toString().isBlank()) {
                security.put(key, value);
            }
        });
        return security;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
