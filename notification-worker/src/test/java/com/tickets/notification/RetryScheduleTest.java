package com.tickets.notification;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The later retries follow SmallRye's delayed-retry rules, which read the retry topics for unbatched channels. */
class RetryScheduleTest {

    private static final List<String> TOPICS = List.of("t_notify_retry_60000", "t_notify_retry_120000", "t_notify_retry_240000");
    private static final String DLQ = "t.dlq";
    private static final Duration TIMEOUT = Duration.ofMinutes(40);
    private static final Instant FIRST_FAILURE = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aRetryTopicsDelayIsTheNumberItsNameEndsWith() {
        assertThat(RetrySchedule.delayOf("booking.events_notify_retry_960000")).isEqualTo(Duration.ofMinutes(16));
        assertThat(RetrySchedule.delayOf("booking.events.suffix_notify_retry_1000")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void eachFailedRetryGoesToTheNextTopicAndAfterTheLastToTheDeadLetterTopic() {
        // the first retry (topic 0) is SmallRye's, on booking-events; a failed n-th retry goes to topic n
        assertThat(RetrySchedule.nextTopic(TOPICS, DLQ, TIMEOUT, 1, FIRST_FAILURE, FIRST_FAILURE.plusSeconds(60)))
                .isEqualTo("t_notify_retry_120000");
        assertThat(RetrySchedule.nextTopic(TOPICS, DLQ, TIMEOUT, 2, FIRST_FAILURE, FIRST_FAILURE.plusSeconds(180)))
                .isEqualTo("t_notify_retry_240000");
        assertThat(RetrySchedule.nextTopic(TOPICS, DLQ, TIMEOUT, 3, FIRST_FAILURE, FIRST_FAILURE.plusSeconds(420)))
                .isEqualTo(DLQ);
    }

    @Test
    void aRetryThatWouldEndPastTheTimeoutIsDeadLetteredInstead() {
        // the next try would come 2 minutes after now, 40 min 30 s after the first failure
        assertThat(RetrySchedule.nextTopic(TOPICS, DLQ, TIMEOUT, 1, FIRST_FAILURE, FIRST_FAILURE.plus(Duration.ofSeconds(38 * 60 + 30))))
                .isEqualTo(DLQ);
        assertThat(RetrySchedule.nextTopic(TOPICS, DLQ, TIMEOUT, 1, FIRST_FAILURE, FIRST_FAILURE.plus(Duration.ofMinutes(37))))
                .isEqualTo("t_notify_retry_120000");
    }

    @Test
    void theRetryCountIsTheLastCountHeaderAndNoneMeansNone() {
        RecordHeaders headers = new RecordHeaders();
        assertThat(RetrySchedule.retriesSoFar(headers)).isZero();
        headers.add("delayed-retry-count", "0".getBytes(StandardCharsets.UTF_8));
        headers.add("delayed-retry-count", "2".getBytes(StandardCharsets.UTF_8));
        assertThat(RetrySchedule.retriesSoFar(headers)).isEqualTo(2);
    }

    @Test
    void aBatchIsTriedATopicAtATimeTheGroupDueFirstFirstEachOnceItsLastRecordIsDue() {
        Instant t = FIRST_FAILURE;
        KafkaRecord<String, String> longWritten = KafkaRecord.of("t_notify_retry_240000", "a", "1", t, 0);
        KafkaRecord<String, String> shortEarly = KafkaRecord.of("t_notify_retry_60000", "b", "2", t.plusSeconds(100), 0);
        KafkaRecord<String, String> shortLate = KafkaRecord.of("t_notify_retry_60000", "c", "3", t.plusSeconds(110), 1);

        List<List<KafkaRecord<String, String>>> waves = RetrySchedule.waves(List.of(longWritten, shortEarly, shortLate));

        // due at t+240 s, and at t+160 s and t+170 s
        assertThat(waves).containsExactly(List.of(shortEarly, shortLate), List.of(longWritten));
        assertThat(RetrySchedule.lastDue(waves.get(0))).isEqualTo(t.plusSeconds(170));
        assertThat(RetrySchedule.lastDue(waves.get(1))).isEqualTo(t.plusSeconds(240));
    }
}
