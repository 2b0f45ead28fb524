package com.tickets.analytics.projection;

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
 * Failure strategy {@code onward-retry-topic} of the channels that read the retry topics
 * ({@link RetryTopicConsumers}): SmallRye's delayed-retry-topic strategy, configured the same way
 * ({@code delayed-retry-topic.*}, {@code dead-letter-queue.topic}), sends a record that failed again
 * to the next retry topic by its {@code delayed-retry-count} header, then to the dead-letter topic,
 * with the same headers. What it leaves out is SmallRye reading the retry topics itself: these
 * channels do that, and a second reader would apply every retried record twice.
 *
 * <p>SmallRye's reader counts a record read back from a retry topic as one more retry (it increments
 * {@code delayed-retry-count}); the count is read only when the record fails again, so it is counted
 * here, just before the routing.
 */
@ApplicationScoped
@Identifier("onward-retry-topic")
public class OnwardRetryTopicStrategy implements KafkaFailureHandler.Factory {

    private final KafkaFailureHandler.Factory delayedRetryTopic;

    OnwardRetryTopicStrategy(@Identifier(KafkaDelayedRetryTopic.DELAYED_RETRY_TOPIC_STRATEGY)
                             KafkaFailureHandler.Factory delayedRetryTopic) {
        this.delayedRetryTopic = delayedRetryTopic;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
                                      KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        // SmallRye merges a strategy's own reader of the retry topics into the channel only when the
        // strategy is a KafkaDelayedRetryTopic: this wrapper is not one, so only its routing is used
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

    static void countOneMoreRetry(Headers headers) {
        int retries = KafkaDelayedRetryTopic.getRetryHeader(headers);
        headers.remove(KafkaDelayedRetryTopic.DELAYED_RETRY_COUNT);
        headers.add(KafkaDelayedRetryTopic.DELAYED_RETRY_COUNT, Integer.toString(retries + 1).getBytes(StandardCharsets.UTF_8));
    }
}
