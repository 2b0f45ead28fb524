package com.tickets.infra;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code INFRA_MODE} (or {@code -Dinfra.mode}): where the servers we start come from.
 * <ul>
 *   <li>unset or {@code auto}: Testcontainers when a Docker engine answers, else the embedded servers;</li>
 *   <li>{@code containers}: Testcontainers only; without an engine the test classes are skipped
 *       ({@link InfraModeCondition}) and anything else refuses to start, saying why;</li>
 *   <li>{@code embedded}: the embedded servers only, Docker or not.</li>
 * </ul>
 * An address given for a server ({@code INFRA_DB_URL}, {@code INFRA_REDIS_URL},
 * {@code INFRA_KAFKA_BOOTSTRAP_SERVERS}) wins over the mode: nothing is started for it.
 */
public enum InfraMode {
    AUTO, CONTAINERS, EMBEDDED;

    public static InfraMode current() {
        String value = Optional.ofNullable(System.getenv("INFRA_MODE")).filter(v -> !v.isBlank())
                .orElseGet(() -> System.getProperty("infra.mode", "auto"));
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "", "auto" -> AUTO;
            case "containers", "container", "testcontainers", "docker" -> CONTAINERS;
            case "embedded" -> EMBEDDED;
            default -> throw new IllegalArgumentException("INFRA_MODE=" + value + ": use embedded, containers or auto (the default)");
        };
    }

    /** The three servers, each with the variable that names one already running. */
    public enum Server {
        POSTGRES("PostgreSQL", "INFRA_DB_URL"),
        REDIS("Redis", "INFRA_REDIS_URL"),
        KAFKA("Kafka", "INFRA_KAFKA_BOOTSTRAP_SERVERS");

        public final String title;
        public final String variable;

        Server(String title, String variable) {
            this.title = title;
            this.variable = variable;
        }

        public Optional<String> givenAddress() {
            return Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank());
        }

        /** Whether this machine can run the embedded server (Kafka runs on the JVM anywhere). */
        public boolean embeddedSupported() {
            return switch (this) {
                case POSTGRES -> EmbeddedPostgresServer.supported();
                case REDIS -> EmbeddedRedisServer.supported();
                case KAFKA -> true;
            };
        }

        String embeddedUnsupportedMessage() {
            return switch (this) {
                case POSTGRES -> EmbeddedPostgresServer.unsupportedMessage();
                case REDIS -> EmbeddedRedisServer.unsupportedMessage();
                case KAFKA -> "";
            };
        }
    }

    public enum Source { GIVEN, CONTAINER, EMBEDDED }

    /** A server's source and why, as printed. */
    public record Choice(Server server, Source source, String why) {
    }

    /**
     * Where {@code server} comes from. {@code preferEmbedded}: the local run keeps its data in
     * .local-data/ across restarts, so there {@code auto} means embedded, and a container only
     * where this platform has no embedded server and an engine answers.
     */
    public static Choice choose(Server server, boolean preferEmbedded) {
        if (server.givenAddress().isPresent()) {
            return new Choice(server, Source.GIVEN, server.variable + " is set");
        }
        return chooseStarted(server, preferEmbedded);
    }

    /** As {@link #choose}, for a server we start whatever is given (the fault suite's own PostgreSQL). */
    public static Choice chooseStarted(Server server, boolean preferEmbedded) {
        InfraMode mode = current();
        switch (mode) {
            case EMBEDDED:
                requireEmbedded(server, "INFRA_MODE=embedded");
                return new Choice(server, Source.EMBEDDED, "INFRA_MODE=embedded");
            case CONTAINERS:
                if (!DockerEngine.answers()) {
                    throw new IllegalStateException("INFRA_MODE=containers, but " + DockerEngine.description()
                            + ": start one (or set DOCKER_HOST), or unset INFRA_MODE to use the embedded " + server.title);
                }
                return new Choice(server, Source.CONTAINER, "INFRA_MODE=containers; " + DockerEngine.description());
            default:
                if (preferEmbedded) {
                    if (server.embeddedSupported()) {
                        return new Choice(server, Source.EMBEDDED, "the local run's default; INFRA_MODE=containers for a container");
                    }
                    if (DockerEngine.answers()) {
                        return new Choice(server, Source.CONTAINER, server.embeddedUnsupportedMessage() + "; " + DockerEngine.description());
                    }
                    throw new IllegalStateException(server.embeddedUnsupportedMessage() + " (" + DockerEngine.description() + ")");
                }
                if (DockerEngine.answers()) {
                    return new Choice(server, Source.CONTAINER, DockerEngine.description() + "; INFRA_MODE=embedded for the embedded server");
                }
                requireEmbedded(server, DockerEngine.description());
                return new Choice(server, Source.EMBEDDED, DockerEngine.description() + "; INFRA_MODE=containers to insist on one");
        }
    }

    private static void requireEmbedded(Server server, String why) {
        if (!server.embeddedSupported()) {
            throw new IllegalStateException(server.embeddedUnsupportedMessage() + " (" + why + ")");
        }
    }

    /** Prints where a server comes from: one line per server, always shown (not a log category). */
    public static void print(Choice choice, String where) {
        System.out.printf("[embedded-infra] %-10s %s: %s (%s)%n", choice.server().title,
                choice.source().name().toLowerCase(Locale.ROOT), where, choice.why());
    }
}
