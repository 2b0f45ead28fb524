package com.tickets.system;

import com.tickets.infra.FreePorts;
import com.tickets.infra.Infrastructure;
import com.tickets.infra.PostgresServer;
import com.tickets.local.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system under test: real PostgreSQL, Redis and Kafka (embedded-infra: given, containers or embedded), and the services'
 * built jars as child processes, wired by environment variables exactly as in production, with the
 * {@code local} profile and each service's management interface on a free port of its own.
 */
public final class Stack implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    static final Path LOGS = ROOT.resolve("system-tests/target/service-logs");

    private final Map<String, ServiceProcess> services = new ConcurrentHashMap<>();
    private final Map<String, Infrastructure.Database> databases = new HashMap<>();
    private final Map<String, Integer> starts = new ConcurrentHashMap<>();
    private final String topicSuffix;

    public Stack() {
        this("");
    }

    /**
     * A stack whose services use topics of their own ({@code booking.events<suffix>} …), so they do
     * not first have to work through what earlier stacks of this JVM left on the shared broker.
     */
    public Stack(String topicSuffix) {
        this.topicSuffix = topicSuffix;
        for (String db : List.of("booking", "payment", "notification", "analytics")) {
            databases.put(db, Infrastructure.freshDatabase("sys_" + db));
        }
    }

    /** A stack whose databases live on a server of its own (fault tests restart that server). */
    public Stack(String topicSuffix, PostgresServer ownServer) {
        this.topicSuffix = topicSuffix;
        for (String db : List.of("booking", "payment", "notification", "analytics")) {
            databases.put(db, new Infrastructure.Database(ownServer.createDatabase("sys_" + db), ownServer.username(), ownServer.password()));
        }
    }

    public String topicSuffix() {
        return topicSuffix;
    }

    public String jdbcUrl(String database) {
        return databases.get(database).jdbcUrl();
    }

    /** Starts (or returns) a service instance; {@code name} distinguishes replicas of one module. */
    public ServiceProcess start(String name, String module, Map<String, String> extraEnv) {
        return start(name, module, extraEnv, FreePorts.find());
    }

    /** Starts a service on a port chosen beforehand (when another service must know its address). */
    public ServiceProcess start(String name, String module, Map<String, String> extraEnv, int port) {
        ServiceProcess running = services.get(name);
        if (running != null) {
            return running;
        }
        // started outside the map, so that several services may start at once (from several threads)
        ServiceProcess started = launch(name, module, extraEnv, port);
        services.put(name, started);
        return started;
    }

    private ServiceProcess launch(String n, String module, Map<String, String> extraEnv, int port) {
        try {
            Map<String, String> env = new HashMap<>();
            String prefix = switch (module) {
                case "booking-api" -> "BOOKING";
                case "payment-worker" -> "PAYMENT";
                case "notification-worker" -> "NOTIFICATION";
                default -> "ANALYTICS";
            };
            String db = prefix.toLowerCase();
            env.put(prefix + "_DB_URL", databases.get(db).jdbcUrl());
            env.put(prefix + "_DB_USER", databases.get(db).username());
            env.put(prefix + "_DB_PASSWORD", databases.get(db).password());
            env.put("REDIS_URL", Infrastructure.redisUrl());
            if (!extraEnv.containsKey("KAFKA_BOOTSTRAP_SERVERS")) {
                // (a stack with a broker of its own names it, and the JVM's embedded one is not started for it)
                env.put("KAFKA_BOOTSTRAP_SERVERS", Infrastructure.kafkaBootstrapServers());
            }
            env.put("BOOKING_DEMO_DATA", "false");
            // the local profile (ServiceProcess), on loopback only; health and metrics on a port of their own
            env.put("HTTP_HOST", "127.0.0.1");
            env.put("MANAGEMENT_HOST", "127.0.0.1");
            if (module.equals("booking-api")) {
                // tests send many requests from one address and e-mail; limits have tests of their own
                env.put("BOOKING_RATE_LIMIT_ENABLED", "false");
            }
            if (!topicSuffix.isEmpty()) {
                env.put("BOOKING_EVENTS_TOPIC", "booking.events" + topicSuffix);
                env.put("PAYMENT_EVENTS_TOPIC", "payment.events" + topicSuffix);
                env.put("INVENTORY_EVENTS_TOPIC", "inventory.events" + topicSuffix);
                env.put("CATALOG_EVENTS_TOPIC", "catalog.events" + topicSuffix);
                env.put("ACCESS_EVENTS_TOPIC", "access.events" + topicSuffix);
                env.put("WAITLIST_EVENTS_TOPIC", "waitlist.events" + topicSuffix);
            }
            env.putAll(extraEnv);
            Path jar = ServiceProcess.jarOf(ROOT, module);
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " not built: run ./mvnw verify from the root");
            }
            // a service started again (after a kill, say) logs to a file of its own: the first one's log tells what happened
            int start = starts.merge(n, 1, Integer::sum);
            ServiceProcess p = ServiceProcess.start(start == 1 ? n : n + "-" + start, jar, port, FreePorts.find(), env, LOGS,
                    List.of("-Xmx384m"));
            // generous: on a 2-core machine shared with other builds, services have been seen to need minutes
            if (!p.awaitReady(Duration.ofSeconds(300))) {
                String why = p.whyNotReady();
                p.close();
                throw new IllegalStateException(n + " did not become ready within 300 s: " + why + " (" + p.log() + ")");
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    /** Drops a service the test already stopped itself. */
    public void forget(String name) {
        services.remove(name);
    }

    public void stop(String name) {
        ServiceProcess p = services.remove(name);
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void close() {
        services.values().parallelStream().forEach(ServiceProcess::close);
        services.clear();
    }
}
