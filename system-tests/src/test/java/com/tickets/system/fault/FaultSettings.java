package com.tickets.system.fault;

import java.time.Duration;

/**
 * How hard the fault suite pushes. The short version runs in every {@code ./mvnw verify}; the long
 * one ({@code -Dfaults.long=true}) holds each fault for longer under more buyers.
 */
record FaultSettings(boolean isLong, int buyers, Duration warmUp, Duration tail, Duration kafkaOutage,
                     Duration redisOutage, Duration postgresDowntime, Duration gatewayLoad, Duration settleTimeout) {

    /** Holds are short so that the holds of a killed API expire while the test is still watching. */
    static final Duration HOLD = Duration.ofSeconds(20);

    static FaultSettings current() {
        return Boolean.getBoolean("faults.long")
                ? new FaultSettings(true, 12, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60),
                        Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(150))
                : new FaultSettings(false, 4, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(10),
                        Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofSeconds(12), Duration.ofSeconds(75));
    }

    String length() {
        return isLong ? "long" : "short";
    }
}
