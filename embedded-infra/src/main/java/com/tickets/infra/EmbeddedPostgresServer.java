package com.tickets.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    /** Restarts keep the settings of the first start: durable commits or the throw-away server's fsync off. */
    private final boolean durable;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean deleteDataOnClose, boolean durable) {
        this.postgres = postgres;
        this.port = postgres.getPort();
        this.dataDirectory = dataDirectory;
        this.deleteDataOnClose = deleteDataOnClose;
        this.durable = durable;
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
            return new EmbeddedPostgresServer(builder(dataDirectory, port, durable).start(), dataDirectory, false, durable);
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
        return startRestartable(false);
    }

    /**
     * As {@link #startRestartable()}; {@code durable}: every commit is written and flushed before it is
     * acknowledged ({@code fsync=on}, {@code synchronous_commit=on}), as on a production server, so that a
     * SIGKILLed server ({@link #kill()}) recovers every commit it acknowledged. With both off (the
     * throw-away default) a commit is acknowledged before its WAL leaves PostgreSQL's own memory, and a
     * SIGKILL may lose it.
     */
    public static EmbeddedPostgresServer startRestartable(boolean durable) {
        try {
            Path dir = Files.createTempDirectory("pg-restartable-");
            return new EmbeddedPostgresServer(builder(dir, FreePorts.find(), durable).start(), dir, true, durable);
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

    private static EmbeddedPostgres.Builder builder(Path dataDirectory, int port, boolean durable) {
        if (!supported()) {
            throw new IllegalStateException(unsupportedMessage());
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                // 400: the services' pools (~100) plus a 256-client pgbench baseline (load-tests/pgbench)
                .setServerConfig("max_connections", "400")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // after a crash (kill()) the server replays its WAL since the last checkpoint before it takes
                // connections: seconds to minutes on a busy machine, beyond zonky's 10 s default
                .setPGStartupWait(Duration.ofSeconds(180));
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        if (durable) {
            // later options win over the embedded launcher's own -F (fsync off)
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        } else {
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
                postgres = builder(dataDirectory, port, durable).start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not restart embedded PostgreSQL", e);
            }
        }
    }

    /**
     * SIGKILL of the postmaster, as a crash would: no shutdown checkpoint, shared memory left behind. Its
     * backends notice the postmaster is gone and exit by themselves (PostgreSQL's own rule); they are
     * waited for (and SIGKILLed after 10 s), since a new postmaster refuses to start while any of them is
     * still attached to the old shared memory. {@link #restart()} then starts with crash recovery (WAL
     * replay). Returns how many of the postmaster's processes had to be killed after it (0 normally).
     */
    @Override
    public boolean killable() {
        return dataDirectory != null;
    }

    @Override
    public synchronized int kill() throws InterruptedException {
        requireOwnDataDirectory();
        if (postgres == null) {
            return 0;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no postmaster.pid in " + dataDirectory, e);
        }
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid));
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        postmaster.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int killedAfter = 0;
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
                killedAfter++;
            }
        }
        // releases the data directory's lock; its "pg_ctl stop" finds no server and only logs that
        closeServer();
        postgres = null;
        return killedAfter;
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
