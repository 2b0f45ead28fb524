package com.tickets.infra;

import org.jboss.logging.Logger;

import java.sql.DriverManager;
import java.util.Optional;
import java.util.UUID;

/**
 * Where PostgreSQL, Redis and Kafka come from, decided in one place for tests and the local run:
 * an address given in the environment is used as it is; otherwise a real embedded server is
 * started once per JVM and stopped when the JVM exits.
 *
 * <ul>
 *   <li>{@code INFRA_DB_URL} (a JDBC URL of a server where we may create databases),
 *       {@code INFRA_DB_USER}, {@code INFRA_DB_PASSWORD}</li>
 *   <li>{@code INFRA_REDIS_URL} (e.g. {@code redis://127.0.0.1:6379})</li>
 *   <li>{@code INFRA_KAFKA_BOOTSTRAP_SERVERS}</li>
 * </ul>
 */
public final class Infrastructure {

    private static final Logger LOG = Logger.getLogger(Infrastructure.class);

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedRedisServer redis;
    private static EmbeddedKafkaBroker kafka;
    private static boolean shutdownHookAdded;

    private Infrastructure() {
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    /** A fresh database for one test run (a unique name on a shared server), with its credentials. */
    public static synchronized Database freshDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Optional<String> external = env("INFRA_DB_URL");
        if (external.isPresent()) {
            String user = env("INFRA_DB_USER").orElse("postgres");
            String password = env("INFRA_DB_PASSWORD").orElse("");
            try (var c = DriverManager.getConnection(external.get(), user, password); var s = c.createStatement()) {
                s.execute("create database \"" + name + "\"");
            } catch (Exception e) {
                throw new IllegalStateException("could not create test database on " + external.get(), e);
            }
            String base = external.get().substring(0, external.get().lastIndexOf('/') + 1);
            return new Database(base + name, user, password);
        }
        EmbeddedPostgresServer server = embeddedPostgres();
        return new Database(server.createDatabase(name), server.username(), server.password());
    }

    public static synchronized EmbeddedPostgresServer embeddedPostgres() {
        if (postgres == null) {
            long start = System.nanoTime();
            postgres = EmbeddedPostgresServer.startEphemeral();
            LOG.infof("embedded PostgreSQL on port %d in %d ms", postgres.port(), (System.nanoTime() - start) / 1_000_000);
            addShutdownHook();
        }
        return postgres;
    }

    public static synchronized String redisUrl() {
        return env("INFRA_REDIS_URL").orElseGet(() -> embeddedRedis().url());
    }

    /** The embedded Redis, started if needed; tests use it to stop and restart Redis. */
    public static synchronized EmbeddedRedisServer embeddedRedis() {
        if (redis == null) {
            redis = EmbeddedRedisServer.start(0);
            LOG.infof("embedded Redis on port %d", redis.port());
            addShutdownHook();
        }
        return redis;
    }

    public static synchronized String kafkaBootstrapServers() {
        return env("INFRA_KAFKA_BOOTSTRAP_SERVERS").orElseGet(() -> embeddedKafka().bootstrapServers());
    }

    /** The embedded Kafka broker, started if needed; tests use it to stop and restart Kafka. */
    public static synchronized EmbeddedKafkaBroker embeddedKafka() {
        if (kafka == null) {
            long start = System.nanoTime();
            kafka = EmbeddedKafkaBroker.startEphemeral();
            LOG.infof("embedded Kafka on %s in %d ms", kafka.bootstrapServers(), (System.nanoTime() - start) / 1_000_000);
            addShutdownHook();
        }
        return kafka;
    }


    public static boolean kafkaIsEmbedded() {
        return env("INFRA_KAFKA_BOOTSTRAP_SERVERS").isEmpty();
    }

    public static synchronized void stopAll() {
        if (kafka != null) {
            closeQuietly(kafka);
            kafka = null;
        }
        if (redis != null) {
            closeQuietly(redis);
            redis = null;
        }
        if (postgres != null) {
            closeQuietly(postgres);
            postgres = null;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("error while stopping embedded infrastructure", e);
        }
    }

    private static void addShutdownHook() {
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(Infrastructure::stopAll, "embedded-infra-stop"));
            shutdownHookAdded = true;
        }
    }

    public record Database(String jdbcUrl, String username, String password) {
    }
}
