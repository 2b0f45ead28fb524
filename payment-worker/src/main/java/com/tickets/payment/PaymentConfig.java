package com.tickets.payment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * {@code payment.*}: every setting of this worker under that prefix, in one place. The knobs that
 * operators set by environment variable name are bound in {@code application.properties}
 * ({@code PAYMENT_GATEWAY_LATENCY} and friends); {@code payment.max-in-flight} takes its default
 * from here and is set by {@code PAYMENT_MAX_IN_FLIGHT}.
 */
@ConfigMapping(prefix = "payment")
public interface PaymentConfig {

    /**
     * {@code PAYMENT_MAX_IN_FLIGHT}: booking events taken from Kafka and not yet finished (gateway
     * call, outcome published and acknowledged by the broker), per replica. At the bound the worker
     * asks Kafka for no more records (the consumer is paused), so nothing queues without limit. A
     * gateway call holds no thread while it waits, so this can be far larger than a thread pool:
     * at 0.5 s per call, 1,000 in flight pay up to ~2,000 bookings/s.
     */
    @WithDefault("1000")
    int maxInFlight();

    /**
     * {@code PAYMENT_DATABASE_WAIT}: how long a record waits, in flight, for this worker's own
     * database when a statement finds it away (a restart, crash recovery, no connection from the
     * pool), before it is nacked into the retry topics. A database that is away is not the record's
     * fault: spending the retry topics on it dead-lettered charges whenever an outage outlasted
     * their delays. While records wait the in-flight window fills and the consumer pauses. Below the
     * connector's 10-minute {@code unprocessed-record-max-age}, like booking-api's 4 minutes for
     * payment outcomes.
     */
    @WithDefault("PT4M")
    Duration databaseWait();

    Topic topic();

    Refund refund();

    Gateway gateway();

    interface Topic {
        /** {@code BOOKING_EVENTS_TOPIC} */
        String bookingEvents();
    }

    interface Refund {
        Retry retry();

        /** How often owed refunds are looked for ({@code PAYMENT_REFUND_SWEEP_EVERY}, scheduler syntax such as {@code 1s}). */
        String sweepEvery();

        interface Retry {
            /** {@code PAYMENT_REFUND_RETRY_INITIAL_DELAY} */
            Duration initialDelay();

            /** {@code PAYMENT_REFUND_RETRY_MAX_DELAY} */
            Duration maxDelay();
        }
    }

    interface Gateway {
        Simulated simulated();

        /** The simulated provider (docs/payment-worker.md). */
        interface Simulated {
            /** {@code PAYMENT_GATEWAY_LATENCY}: a duration ({@code PT0.05S}) or a range drawn uniformly ({@code PT0.2S..PT0.8S}). */
            String latency();

            double declineRate();

            double timeoutRate();

            long seed();

            @WithDefault("0.0")
            double spikeRate();

            @WithDefault("PT5S")
            Duration spikeLatency();
        }
    }
}
