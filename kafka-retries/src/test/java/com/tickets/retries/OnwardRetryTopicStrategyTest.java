package com.tickets.retries;

import io.smallrye.reactive.messaging.kafka.fault.KafkaDelayedRetryTopic;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry count the onward strategy hands to SmallRye's routing, and where that routing then sends a record. */
class OnwardRetryTopicStrategyTest {

    private static final List<String> TOPICS = List.of("t_retry_1000", "t_retry_2000");
    private static final String DEAD_LETTERS = "t.dlq";

    @Test
    void eachFailureOfARetriedRecordCountsOneMoreRetryInOneHeader() {
        RecordHeaders headers = new RecordHeaders();
        // the first failure, on the batch channel, sets the count to 0 (SmallRye's own strategy)
        headers.add(KafkaDelayedRetryTopic.DELAYED_RETRY_COUNT, "0".getBytes(StandardCharsets.UTF_8));

        OnwardRetryTopicStrategy.countOneMoreRetry(headers);
        OnwardRetryTopicStrategy.countOneMoreRetry(headers);

        assertThat(KafkaDelayedRetryTopic.getRetryHeader(headers)).isEqualTo(2);
        assertThat(headers.headers(KafkaDelayedRetryTopic.DELAYED_RETRY_COUNT)).hasSize(1);
    }

    @Test
    void aRecordGoesThroughEveryRetryTopicOnceThenToTheDeadLetterTopic() {
        RecordHeaders headers = new RecordHeaders();
        // the batch channel's failure: count 0, the first retry topic
        assertThat(route(headers)).isEqualTo("t_retry_1000");
        headers.add(KafkaDelayedRetryTopic.DELAYED_RETRY_COUNT, "0".getBytes(StandardCharsets.UTF_8));

        // read back and failed again, each time through the onward strategy
        OnwardRetryTopicStrategy.countOneMoreRetry(headers);
        assertThat(route(headers)).isEqualTo("t_retry_2000");
        OnwardRetryTopicStrategy.countOneMoreRetry(headers);
        assertThat(route(headers)).isEqualTo(DEAD_LETTERS);
    }

    /** SmallRye's choice of the next topic by the count (max-retries unset: one try per retry topic). */
    private static String route(RecordHeaders headers) {
        return KafkaDelayedRetryTopic.getNextTopic(TOPICS, DEAD_LETTERS, 0, KafkaDelayedRetryTopic.getRetryHeader(headers));
    }
}
