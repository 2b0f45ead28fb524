package com.tickets.api.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Deletes published outbox rows once they are older than {@code outbox.retention} (default 1 day). */
@ApplicationScoped
public class OutboxRetention {

    private final EntityManager em;
    private final Duration retention;

    OutboxRetention(EntityManager em, @ConfigProperty(name = "outbox.retention", defaultValue = "P1D") Duration retention) {
        this.em = em;
        this.retention = retention;
    }

    @Scheduled(every = "${outbox.retention-sweep:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class) // not during shutdown: the database pool is closing
    void sweep() {
        deletePublished();
    }

    public int deletePublished() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "delete from outbox where published_at < now() - make_interval(secs => ?1)")
                .setParameter(1, (double) retention.toSeconds()).executeUpdate());
    }
}
