package com.tickets.retries;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.OutgoingKafkaRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** When a record read back from a retry topic is tried again, and what becomes of it. */
class RetryTopicReaderTest {

    private static final Instant WRITTEN = Instant.parse("2031-01-01T10:00:00Z");
    private static final Duration AT_MOST = Duration.ofSeconds(10);

    @Test
    void aRetriedRecordWaitsForItsTopicsDelayCountedFromWhenItWasWritten() {
        String topic = "booking.events_analytics_retry_60000";

        assertThat(RetryTopicReader.untilDue(topic, WRITTEN, WRITTEN)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetryTopicReader.untilDue(topic, WRITTEN, WRITTEN.plusSeconds(45))).isEqualTo(Duration.ofSeconds(15));
        assertThat(RetryTopicReader.untilDue(topic, WRITTEN, WRITTEN.plusSeconds(90))).isZero();
        assertThat(RetryTopicReader.untilDue("booking.events.suffix_notify_retry_1000", WRITTEN, WRITTEN))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryTopicReader.untilDue("booking.events_analytics_retry", WRITTEN, WRITTEN)).isZero();
    }

    @Test
    void aRecordIsTriedOnceDueOffTheCallersThreadAndAcknowledgedWhenItSucceeds() {
        Instant written = Instant.now();
        Outcome outcome = new Outcome();
        AtomicReference<Instant> triedAt = new AtomicReference<>();
        AtomicReference<Thread> triedOn = new AtomicReference<>();
        KafkaRecord<String, String> record = outcome.of(KafkaRecord.of("t_retry_300", "k", "v", written, 0));

        RetryTopicReader.retryWhenDue(record, r -> {
            triedAt.set(Instant.now());
            triedOn.set(Thread.currentThread());
            return null;
        }).await().atMost(AT_MOST);

        assertThat(triedAt.get()).isAfterOrEqualTo(written.plusMillis(300));
        assertThat(triedOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(outcome.acked).isTrue();
        assertThat(outcome.nackedWith.get()).isNull();
    }

    @Test
    void aRecordThatFailsAgainIsNackedWithWhyWhetherTheAttemptReturnsOrThrowsIt() {
        Instant longAgo = Instant.now().minusSeconds(60);
        IllegalStateException returned = new IllegalStateException("SMTP down");
        Outcome first = new Outcome();
        RetryTopicReader.retryWhenDue(first.of(KafkaRecord.of("t_retry_1", "k", "v", longAgo, 0)), r -> returned)
                .await().atMost(AT_MOST);
        assertThat(first.nackedWith.get()).isSameAs(returned);
        assertThat(first.acked).isFalse();

        IllegalArgumentException thrown = new IllegalArgumentException("unexpected");
        Outcome second = new Outcome();
        RetryTopicReader.retryWhenDue(second.of(KafkaRecord.of("t_retry_1", "k", "v", longAgo, 0)), r -> {
            throw thrown;
        }).await().atMost(AT_MOST);
        assertThat(second.nackedWith.get()).isSameAs(thrown);
        assertThat(second.acked).isFalse();
    }

    /** What the record was told: acknowledged, or nacked and why. */
    private static final class Outcome {
        final AtomicBoolean acked = new AtomicBoolean();
        final AtomicReference<Throwable> nackedWith = new AtomicReference<>();

        KafkaRecord<String, String> of(OutgoingKafkaRecord<String, String> record) {
            return record
                    .withAck(() -> {
                        acked.set(true);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(reason -> {
                        nackedWith.set(reason);
                        return CompletableFuture.completedFuture(null);
                    });
        }
    }
}
