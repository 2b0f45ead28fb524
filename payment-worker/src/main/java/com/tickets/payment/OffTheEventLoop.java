package com.tickets.payment;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.util.function.Supplier;

/**
 * The short JDBC steps (applied_events, owed_refunds, the simulated ledger) run on a worker
 * thread, never on the event loop that delivers Kafka records and fires timers. Only the step
 * itself: a gateway call or a publish in between holds no thread.
 */
public final class OffTheEventLoop {

    private OffTheEventLoop() {
    }

    public static <T> Uni<T> supply(Supplier<T> jdbc) {
        return Uni.createFrom().item(jdbc).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    public static Uni<Void> run(Runnable jdbc) {
        return supply(() -> {
            jdbc.run();
            return null;
        });
    }
}
