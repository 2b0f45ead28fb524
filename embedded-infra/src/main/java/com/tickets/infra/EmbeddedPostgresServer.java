package com.tickets.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server from the zonky binaries jar (PostgreSQL 17). As root, zonky wraps the
 * server in {@code unshare -U}, so it also runs in CI, which builds as root.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a throw-away server on a free port; its data directory is deleted on close. */
    public static EmbeddedPostgresServer startEphemeral() {
        return start(null, 0);
    }

    /** Starts a server whose data survives restarts (for the local run), on the given port (0 = free). */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port)
                    // 400: the services' pools (~100) plus a 256-client pgbench baseline (load-tests/pgbench)
                    .setServerConfig("max_connections", "400")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            } else {
                // a throw-away test server: durability is not what its tests check
                builder.setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off");
            }
            return new EmbeddedPostgresServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates a database (if missing) owned by the superuser and returns its JDBC URL. */
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

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String username() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
