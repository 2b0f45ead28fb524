package com.tickets.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the zonky binaries jar (PostgreSQL 17) of this machine's platform:
 * linux-amd64, linux-arm64, darwin-amd64 or darwin-arm64 (embedded-infra's pom picks the jar by
 * os/arch). As root, zonky wraps the server in {@code unshare -U}, so it also runs in CI, which
 * builds as root.
 */
public final class EmbeddedPostgresServer implements PostgresServer {

    private EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean deleteDataOnClose;
    private final int port;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean deleteDataOnClose) {
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.dataDirectory = dataDirectory;
        this.deleteDataOnClose = deleteDataOnClose;
    }

    /** Starts a throw-away server on a free port; its data directory is deleted on close. */
    public static EmbeddedPostgresServer startEphemeral() {
        return start(null, 0, false);
    }

    /**
     * Starts a server whose data survives restarts (for the local run), on the given port (0 = free).
     * {@code durable}: every commit is flushed to disk ({@code fsync=on}, {@code synchronous_commit=on}),
     * as a production server does; otherwise both are off (the embedded server's default), which is
     * faster and loses the last commits on a crash of the machine (not of the process).
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean durable) {
        try {
            EmbeddedPostgres.Builder builder = builder(dataDirectory, port, !durable);
            if (durable) {
                // later options win over the embedded launcher's own -F (fsync off)
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            return new EmbeddedPostgresServer(builder.start(), dataDirectory, false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /**
     * A throw-away server that can be stopped and started again on the same port and data
     * directory (fault tests: clients see their connections drop and the server come back).
     * The data directory is deleted on close.
     */
    public static EmbeddedPostgresServer startRestartable() {
        try {
            Path dir = Files.createTempDirectory("pg-restartable-");
            return new EmbeddedPostgresServer(builder(dir, FreePorts.find(), true).start(), dir, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    /** Whether the binaries jar of this machine's OS and CPU is on the classpath (zonky's resource name). */
    public static boolean supported() {
        return EmbeddedPostgresServer.class.getClassLoader().getResource("postgres-" + zonkyOs() + "-" + zonkyArch() + ".txz") != null;
    }

    static String unsupportedMessage() {
        return "no embedded PostgreSQL binaries for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                + " (embedded-infra brings them for linux-amd64, linux-arm64, darwin-amd64 and darwin-arm64):"
                + " run a Docker engine (the container path) or set INFRA_DB_URL to a PostgreSQL you run";
    }

    private static String zonkyOs() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        return os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "windows" : os.replace(' ', '_');
    }

    private static String zonkyArch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(java.util.Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
    }

    private static EmbeddedPostgres.Builder builder(Path dataDirectory, int port, boolean throwAway) {
        if (!supported()) {
            throw new IllegalStateException(unsupportedMessage());
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                // 400: the services' pools (~100) plus a 256-client pgbench baseline (load-tests/pgbench)
                .setServerConfig("max_connections", "400")
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        if (throwAway) {
            // a throw-away test server: durability is not what its tests check
            builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
        }
        return builder;
    }

    /** Shuts the server down (fast: open sessions are disconnected), keeping its data for {@link #restart()}. */
    @Override
    public synchronized void stop() {
        requireOwnDataDirectory();
        if (postgres != null) {
            closeServer();
            postgres = null;
        }
    }

    /** Starts the server again on the same port and data directory after {@link #stop()}. */
    @Override
    public synchronized void restart() {
        requireOwnDataDirectory();
        if (postgres == null) {
            try {
                postgres = builder(dataDirectory, port, deleteDataOnClose).start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not restart embedded PostgreSQL", e);
            }
        }
    }

    private void requireOwnDataDirectory() {
        if (dataDirectory == null) {
            throw new IllegalStateException("only a server with a data directory of its own can be restarted");
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL 17 (zonky, " + zonkyOs() + "-" + zonkyArch() + ") at 127.0.0.1:" + port;
    }

    @Override
    public String createDatabase(String name) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("create database \"" + name + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    @Override
    public synchronized void close() {
        if (postgres != null) {
            closeServer();
            postgres = null;
        }
        if (deleteDataOnClose) {
            deleteRecursively(dataDirectory);
        }
    }

    private void closeServer() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }
}
