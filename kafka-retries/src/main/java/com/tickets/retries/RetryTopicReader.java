package com.tickets.retries;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Reads a batch channel's retry topics back, a record at a time: each record is tried again once its
 * delay has passed, then acknowledged, or nacked when it failed again.
 *
 * <p>SmallRye's delayed-retry-topic strategy reads the retry topics back by itself only for a
 * record-at-a-time channel ({@code KafkaSource} merges its reader into the record stream, never into
 * the batch stream): on a {@code batch=true} channel it writes a failed record to the first retry
 * topic and nothing ever reads it. So a consumer gives each batch channel a second,
 * record-at-a-time channel on the retry topics, in the consumer group SmallRye would use
 * ({@code kafka-delayed-retry-topic-<group>}), with failure strategy
 * {@link OnwardRetryTopicStrategy#NAME}, and an {@code @Incoming} method that hands each record to
 * {@link #retryWhenDue}. A record nacked there goes on to the next retry topic, then to the
 * dead-letter topic, by SmallRye's own routing.
 */
public final class RetryTopicReader {

    private static final Logger LOG = Logger.getLogger(RetryTopicReader.class);

    /** A record's work done once more. */
    @FunctionalInterface
    public interface Attempt<K, V> {
        /**
         * Does the record's work again. Runs on a worker thread, so it may block. Returns why it failed,
         * or null once the record is done; an exception it throws counts as the reason too.
         */
        Throwable tryAgain(KafkaRecord<K, V> record);
    }

    private RetryTopicReader() {
    }

    /**
     * Waits until the record read from a retry topic is due, tries it again on a worker thread, then
     * acknowledges it, or nacks it with the reason (the channel's failure strategy sends it onward).
     * Waiting holds no thread: the channel takes no further record meanwhile, and Kafka keeps them.
     * The returned Uni fails only if the acknowledgement or the nack does.
     */
    public static <K, V> Uni<Void> retryWhenDue(KafkaRecord<K, V> record, Attempt<K, V> attempt) {
        Duration wait = untilDue(record.getTopic(), record.getTimestamp(), Instant.now());
        Uni<Void> due = Uni.createFrom().voidItem();
        // Mutiny takes only positive delays, and less than a millisecond is not worth a timer
        if (wait.toMillis() >= 1) {
            due = due.onItem().delayIt().by(wait);
        }
        return due
                // the work may block (JDBC, waiting for a send): never on the record's event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transform(ignored -> attempt.tryAgain(record))
                // whatever goes wrong on the way fails the record, never the channel
                .onFailure().recoverWithItem(failure -> failure)
                .onItem().transformToUni(failure -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(record::ack);
                    }
                    LOG.warnf("retried record %s failed again: %s", where(record), failure.getMessage());
                    return Uni.createFrom().completionStage(() -> record.nack(failure));
                });
    }

    /**
     * How long a record written to a retry topic at {@code writtenAt} still waits: until the topic's
     * delay has passed. SmallRye names retry topics {@code <anything>_<delay in ms>}; a topic whose
     * name ends in no number is not waited for.
     */
    public static Duration untilDue(String retryTopic, Instant writtenAt, Instant now) {
        long delayMillis;
        try {
            delayMillis = Long.parseLong(retryTopic.substring(retryTopic.lastIndexOf('_') + 1));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
        Duration wait = Duration.between(now, writtenAt.plusMillis(delayMillis));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static String where(KafkaRecord<?, ?> record) {
        long offset = record instanceof IncomingKafkaRecord<?, ?> incoming ? incoming.getOffset() : -1;
        return record.getTopic() + "-" + record.getPartition() + "@" + offset;
    }
}
