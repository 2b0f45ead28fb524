package com.tickets.api.access;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Deletes sign-in links and sessions a day after they expired (every replica; the deletes are idempotent). */
@ApplicationScoped
class AccessRetention {

    private final BuyerSessions sessions;

    AccessRetention(BuyerSessions sessions) {
        this.sessions = sessions;
    }

    @Scheduled(every = "1h", delay = 1, delayUnit = java.util.concurrent.TimeUnit.MINUTES,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purge() {
        sessions.purgeExpired();
    }
}
