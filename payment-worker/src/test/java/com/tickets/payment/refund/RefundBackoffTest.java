package com.tickets.payment.refund;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure logic: how long an owed refund waits after each failed attempt. */
class RefundBackoffTest {

    private final RefundReconciler reconciler = new RefundReconciler(null, null, null, new SimpleMeterRegistry(), null,
            Duration.ofSeconds(5), Duration.ofMinutes(5));

    @Test
    void theWaitDoublesAfterEachFailureUpToTheMaximumAndNeverGivesUp() {
        assertThat(reconciler.delayAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(reconciler.delayAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(reconciler.delayAfter(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(reconciler.delayAfter(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(reconciler.delayAfter(10_000)).isEqualTo(Duration.ofMinutes(5));
    }
}
