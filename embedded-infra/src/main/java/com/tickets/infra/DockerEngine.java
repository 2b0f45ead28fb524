package com.tickets.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a Docker engine answers, asked once per JVM. Testcontainers is asked only when something
 * points at an engine (DOCKER_HOST, ~/.testcontainers.properties, or one of the sockets it looks
 * for itself): on a machine without one (CI here) it is never loaded, so it neither waits nor logs
 * its "no valid Docker environment" errors. Colima, Podman and other engines with a socket elsewhere
 * are found through DOCKER_HOST, as Testcontainers documents.
 */
public final class DockerEngine {

    private static Boolean answers;
    private static String description;

    private DockerEngine() {
    }

    public static synchronized boolean answers() {
        if (answers == null) {
            probe();
        }
        return answers;
    }

    /** Where the engine is, or why none was found (for the printed choice and the skip message). */
    public static synchronized String description() {
        answers();
        return description;
    }

    private static void probe() {
        Optional<String> pointer = pointer();
        if (pointer.isEmpty()) {
            answers = false;
            description = "no Docker engine (no DOCKER_HOST, no ~/.testcontainers.properties, no "
                    + String.join(", ", candidateSockets().stream().map(Path::toString).toList()) + ")";
            return;
        }
        try {
            answers = org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            description = answers ? "a Docker engine answers (" + pointer.get() + ")"
                    : "no Docker engine answers at " + pointer.get();
        } catch (Throwable e) {
            answers = false;
            description = "no Docker engine answers at " + pointer.get() + ": " + e;
        }
    }

    private static Optional<String> pointer() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return Optional.of("DOCKER_HOST=" + dockerHost);
        }
        Path properties = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
        if (Files.isRegularFile(properties)) {
            return Optional.of(properties.toString());
        }
        return candidateSockets().stream().filter(Files::exists).findFirst().map(Path::toString);
    }

    /** The sockets Testcontainers itself tries when DOCKER_HOST is not set. */
    private static List<Path> candidateSockets() {
        List<Path> sockets = new ArrayList<>();
        sockets.add(Path.of("/var/run/docker.sock"));
        String home = System.getProperty("user.home");
        sockets.add(Path.of(home, ".docker", "run", "docker.sock"));
        sockets.add(Path.of(home, ".docker", "desktop", "docker.sock"));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
        }
        return sockets;
    }
}
