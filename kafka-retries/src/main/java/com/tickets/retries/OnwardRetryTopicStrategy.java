package com.tickets.retries;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDelayedRetryTopic;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Failure strategy {@value #NAME} of a channel that reads a batch channel's retry topics back
 * ({@link RetryTopicReader}). It is SmallRye's delayed-retry-topic routing, configured the same way
 * ({@code delayed-retry-topic.topics}, {@code delayed-retry-topic.timeout},
 * {@code dead-letter-queue.topic}): a record that failed again goes to the next retry topic by its
 * {@code delayed-retry-count} header, after the last one (or past the timeout) to the dead-letter
 * topic, with SmallRye's headers. What it leaves out is SmallRye's own reader of the retry topics:
 * the channel using this strategy is that reader, and a second one would try every retry twice.
 *
 * <p>SmallRye's reader counts a record read back from a retry topic as one more retry (it increments
 * {@code delayed-retry-count} as it reads). The count only matters once the record fails again, so
 * it is counted here, just before the routing.
 *
 * <p>Like SmallRye's strategy, this one writes to the partition number the record came from unless
 * the nack's metadata names a topic and partition ({@code OutgoingKafkaRecordMetadata}); only the
 * caller can know that a record should skip the retries and which partition that topic has.
 */
@ApplicationScoped
@Identifier(OnwardRetryTopicStrategy.NAME)
public class OnwardRetryTopicStrategy implements KafkaFailureHandler.Factory {

    /** The value of a channel's {@code failure-strategy} that selects this strategy. */
    public static final String NAME = "onward-retry-topic";

    private final KafkaFailureHandler.Factory delayedRetryTopic;

    OnwardRetryTopicStrategy(@Identifier(KafkaDelayedRetryTopic.DELAYED_RETRY_TOPIC_STRATEGY)
                             KafkaFailureHandler.Factory delayedRetryTopic) {
        this.delayedRetryTopic = delayedRetryTopic;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                                      KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        // SmallRye merges a strategy's reader of the retry topics into the channel only when the
        // strategy itself is a KafkaDelayedRetryTopic: this wrapper is not one, so only the routing is used
        KafkaFailureHandler routing = delayedRetryTopic.create(config, vertx, consumer, reportFailure);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                countOneMoreRetry(record.getHeaders());
                return routing.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                routing.terminate();
            }
        };
    }

    /** One {@code delayed-retry-count} header, one more than before (SmallRye reads the last one). */
    static void countOneMoreRetry(Headers headers) {
        int retries = KafkaDelayedRetryTopic.getRetryHeader(headers);
        headers.remove(KafkaDelayedRetryTopic.DELAYED_RETRY_COUNT);
        headers.add(KafkaDelayedRetryTopic.DELAYED_RETRY_COUNT, Integer.toString(retries + 1).getBytes(StandardCharsets.UTF_8));
    }
}
