package com.tickets.api.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/** Runs this replica's {@link RelayLoop} on its own thread from start-up to shutdown. */
@ApplicationScoped
public class OutboxRelay {

    private final boolean enabled;
    private final RelayLoop.Settings settings;
    private final OutboxPublisher publisher;
    private final Counter published;
    private final Tracer tracer;
    private RelayLoop loop;
    private Thread thread;

    OutboxRelay(OutboxPublisher publisher, MeterRegistry registry, Tracer tracer,
                @ConfigProperty(name = "outbox.relay.enabled", defaultValue = "true") boolean enabled,
                @ConfigProperty(name = "outbox.relay.jdbc-url") String jdbcUrl,
                @ConfigProperty(name = "quarkus.datasource.username") String user,
                @ConfigProperty(name = "quarkus.datasource.password") String password,
                @ConfigProperty(name = "outbox.relay.batch-size", defaultValue = "500") int batchSize,
                @ConfigProperty(name = "outbox.relay.poll-interval", defaultValue = "PT1S") Duration pollInterval,
                @ConfigProperty(name = "outbox.relay.max-backoff", defaultValue = "PT10S") Duration maxBackoff) {
        this.publisher = publisher;
        this.tracer = tracer;
        this.enabled = enabled;
        this.settings = new RelayLoop.Settings(jdbcUrl, user, password, batchSize, pollInterval, maxBackoff);
        this.published = Counter.builder("outbox.relay.published").description("Outbox rows published to Kafka")
                .register(registry);
    }

    void start(@Observes StartupEvent startup) {
        if (enabled) {
            loop = newLoop("main");
            thread = new Thread(loop, "outbox-relay");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** A further relay on its own session, as another replica would run (tests, drills). */
    public RelayLoop newLoop(String name) {
        return new RelayLoop(name, settings, publisher, published::increment, tracer);
    }

    public RelayLoop loop() {
        return loop;
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(Duration.ofSeconds(5).toMillis());
        }
    }
}
