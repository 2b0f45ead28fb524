package com.tickets.infra;

import com.tickets.infra.InfraMode.Choice;
import com.tickets.infra.InfraMode.Server;
import com.tickets.infra.InfraMode.Source;

import java.sql.DriverManager;
import java.util.Optional;
import java.util.UUID;

/**
 * Where PostgreSQL, Redis and Kafka come from, decided in one place for the tests, per server:
 * <ol>
 *   <li>an address given in the environment is used as it is:
 *       {@code INFRA_DB_URL} (a JDBC URL of a server where we may create databases; {@code INFRA_DB_USER},
 *       {@code INFRA_DB_PASSWORD}), {@code INFRA_REDIS_URL} (e.g. {@code redis://127.0.0.1:6379}),
 *       {@code INFRA_KAFKA_BOOTSTRAP_SERVERS};</li>
 *   <li>else a container (Testcontainers: postgres, redis and apache/kafka images) when a Docker engine answers;</li>
 *   <li>else an embedded server (zonky PostgreSQL, embedded-redis, a KRaft broker in this JVM).</li>
 * </ol>
 * {@code INFRA_MODE=embedded|containers} forces the second or third ({@link InfraMode}). A server is
 * started once per JVM, on first use, and stopped when the JVM exits; the choice is printed.
 */
public final class Infrastructure {

    private static PostgresServer postgres;
    private static RedisServer redis;
    private static KafkaBroker kafka;
    private static Choice postgresChoice;
    private static Choice redisChoice;
    private static Choice kafkaChoice;
    private static boolean shutdownHookAdded;

    private Infrastructure() {
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    private static synchronized Choice postgresChoice() {
        if (postgresChoice == null) {
            postgresChoice = InfraMode.choose(Server.POSTGRES, false);
            if (postgresChoice.source() == Source.GIVEN) {
                InfraMode.print(postgresChoice, env("INFRA_DB_URL").orElseThrow());
            }
        }
        return postgresChoice;
    }

    private static synchronized Choice redisChoice() {
        if (redisChoice == null) {
            redisChoice = InfraMode.choose(Server.REDIS, false);
            if (redisChoice.source() == Source.GIVEN) {
                InfraMode.print(redisChoice, env("INFRA_REDIS_URL").orElseThrow());
            }
        }
        return redisChoice;
    }

    private static synchronized Choice kafkaChoice() {
        if (kafkaChoice == null) {
            kafkaChoice = InfraMode.choose(Server.KAFKA, false);
            if (kafkaChoice.source() == Source.GIVEN) {
                InfraMode.print(kafkaChoice, env("INFRA_KAFKA_BOOTSTRAP_SERVERS").orElseThrow());
            }
        }
        return kafkaChoice;
    }

    /** A fresh database for one test run (a unique name on a shared server), with its credentials. */
    public static synchronized Database freshDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (postgresChoice().source() == Source.GIVEN) {
            String url = env("INFRA_DB_URL").orElseThrow();
            String user = env("INFRA_DB_USER").orElse("postgres");
            String password = env("INFRA_DB_PASSWORD").orElse("");
            try (var c = DriverManager.getConnection(url, user, password); var s = c.createStatement()) {
                s.execute("create database \"" + name + "\"");
            } catch (Exception e) {
                throw new IllegalStateException("could not create test database on " + url, e);
            }
            String base = url.substring(0, url.lastIndexOf('/') + 1);
            return new Database(base + name, user, password);
        }
        PostgresServer server = postgres();
        return new Database(server.createDatabase(name), server.username(), server.password());
    }

    /** Whether PostgreSQL is a server this JVM started (so tests may stop it), not one given by INFRA_DB_URL. */
    public static boolean postgresIsOurs() {
        return postgresChoice().source() != Source.GIVEN;
    }

    public static boolean redisIsOurs() {
        return redisChoice().source() != Source.GIVEN;
    }

    public static boolean kafkaIsOurs() {
        return kafkaChoice().source() != Source.GIVEN;
    }

    /** The PostgreSQL server this JVM started (container or embedded), started if needed. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            Choice choice = requireOurs(postgresChoice());
            long start = System.nanoTime();
            postgres = choice.source() == Source.CONTAINER ? ContainerPostgresServer.start(0) : EmbeddedPostgresServer.startEphemeral();
            started(choice, postgres, start);
        }
        return postgres;
    }

    /**
     * A PostgreSQL server of its own that the caller may stop and restart (the fault suite), a
     * container or an embedded server as {@link InfraMode} says, whatever INFRA_DB_URL names.
     * {@code durable}: commits flushed before they are acknowledged, so a crash keeps every one.
     * The caller closes it.
     */
    public static PostgresServer startRestartablePostgres(boolean durable) {
        Choice choice = InfraMode.chooseStarted(Server.POSTGRES, false);
        long start = System.nanoTime();
        PostgresServer server = choice.source() == Source.CONTAINER ? ContainerPostgresServer.start(0, durable)
                : EmbeddedPostgresServer.startRestartable(durable);
        started(choice, server, start);
        return server;
    }

    public static synchronized String redisUrl() {
        return redisChoice().source() == Source.GIVEN ? env("INFRA_REDIS_URL").orElseThrow() : redis().url();
    }

    /** The Redis server this JVM started, started if needed; tests use it to stop and restart Redis. */
    public static synchronized RedisServer redis() {
        if (redis == null) {
            Choice choice = requireOurs(redisChoice());
            long start = System.nanoTime();
            redis = choice.source() == Source.CONTAINER ? ContainerRedisServer.start(0) : EmbeddedRedisServer.start(0);
            started(choice, redis, start);
        }
        return redis;
    }

    public static synchronized String kafkaBootstrapServers() {
        return kafkaChoice().source() == Source.GIVEN ? env("INFRA_KAFKA_BOOTSTRAP_SERVERS").orElseThrow() : kafka().bootstrapServers();
    }

    /** The Kafka broker this JVM started, started if needed; tests use it to stop and restart Kafka. */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            Choice choice = requireOurs(kafkaChoice());
            long start = System.nanoTime();
            kafka = choice.source() == Source.CONTAINER ? ContainerKafkaBroker.start(0) : EmbeddedKafkaBroker.startEphemeral();
            started(choice, kafka, start);
        }
        return kafka;
    }

    private static Choice requireOurs(Choice choice) {
        if (choice.source() == Source.GIVEN) {
            throw new IllegalStateException(choice.server().title + " is the one " + choice.server().variable
                    + " names: this JVM has no server of its own to hand out (check " + choice.server().title.toLowerCase()
                    + "IsOurs() first)");
        }
        return choice;
    }

    private static void started(Choice choice, ControllableServer server, long startNanos) {
        InfraMode.print(choice, server.describe() + ", up in " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
        addShutdownHook();
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
            System.err.println("[embedded-infra] error while stopping " + c + ": " + e);
        }
    }

    private static synchronized void addShutdownHook() {
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(Infrastructure::stopAll, "embedded-infra-stop"));
            shutdownHookAdded = true;
        }
    }

    public record Database(String jdbcUrl, String username, String password) {
    }
}
