package com.tickets.analytics.projection;

import io.smallrye.reactive.messaging.kafka.fault.KafkaDelayedRetryTopic;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces of the retry path that need no broker: delays, retry counts, what counts as the database away. */
class RetryTopicsTest {

    private static final Instant WRITTEN = Instant.parse("2031-01-01T10:00:00Z");

    @Test
    void aRetriedRecordWaitsForItsTopicsDelayCountedFromWhenItWasWritten() {
        String topic = "booking.events_analytics_retry_60000";

        assertThat(RetryTopicConsumers.untilDue(topic, WRITTEN, WRITTEN)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryTopicConsumers.untilDue(topic, WRITTEN, WRITTEN.plusSeconds(45))).isEqualTo(Duration.ofSeconds(15));
        assertThat(RetryTopicConsumers.untilDue(topic, WRITTEN, WRITTEN.plusSeconds(90))).isZero();
        assertThat(RetryTopicConsumers.untilDue("booking.events_analytics_retry", WRITTEN, WRITTEN)).isZero();
    }

    @Test
    void eachFailureOfARetriedRecordCountsOneMoreRetry() {
        RecordHeaders headers = new RecordHeaders();
        // the first failure, on the batch channel, sets the count to 0 (SmallRye's own strategy)
        headers.add(KafkaDelayedRetryTopic.DELAYED_RETRY_COUNT, "0".getBytes());

        OnwardRetryTopicStrategy.countOneMoreRetry(headers);
        OnwardRetryTopicStrategy.countOneMoreRetry(headers);

        assertThat(KafkaDelayedRetryTopic.getRetryHeader(headers)).isEqualTo(2);
        assertThat(headers.headers(KafkaDelayedRetryTopic.DELAYED_RETRY_COUNT)).hasSize(1);
    }

    @Test
    void theDatabaseIsAwayUnlessItRefusedTheRows() {
        assertThat(ProjectionApplier.databaseAway(new SQLException("too long", "22001"))).isFalse();
        assertThat(ProjectionApplier.databaseAway(new SQLException("duplicate", "23505"))).isFalse();
        assertThat(ProjectionApplier.databaseAway(new SQLException("trigger", "P0001"))).isFalse();
        assertThat(ProjectionApplier.databaseAway(new RuntimeException("our code failed on a record"))).isFalse();

        assertThat(ProjectionApplier.databaseAway(new SQLException("connection lost", "08006"))).isTrue();
        assertThat(ProjectionApplier.databaseAway(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(ProjectionApplier.databaseAway(new SQLTransientConnectionException("no connection from the pool")))
                .isTrue();
        assertThat(ProjectionApplier.databaseAway(new IllegalStateException(new SQLException("shutting down", "57P01"))))
                .isTrue();
    }
}
