package com.tickets.system.fault;

import java.time.Duration;

/**
 * How hard the fault suite pushes. The short version runs in every {@code ./mvnw verify}; the long
 * one ({@code -Dfaults.long=true}) holds each fault for longer under more buyers.
 */
record FaultSettings(boolean isLong, int buyers, Duration thinkTime, Duration warmUp, Duration tail, Duration kafkaOutage,
                     Duration redisOutage, Duration postgresDowntime, Duration gatewayLoad, Duration settleTimeout) {

    /*
     * thinkTime: each buyer's pause between two purchases (+/- 50 %). The pace is what the pipeline of one
     * payment worker on a busy 2-core machine keeps up with, so that most bookings are paid within their
     * hold and the confirmation, mail and dashboard checks have something to check.
     */

    /** Holds are short so that the holds of a killed API expire while the test is still watching. */
    static final Duration HOLD = Duration.ofSeconds(20);

    static FaultSettings current() {
        return Boolean.getBoolean("faults.long")
                ? new FaultSettings(true, 4, Duration.ofMillis(800), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60),
                        Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(300))
                : new FaultSettings(false, 3, Duration.ofMillis(800), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(10),
                        Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofSeconds(12), Duration.ofSeconds(120));
    }

    String length() {
        return isLong ? "long" : "short";
    }
}
