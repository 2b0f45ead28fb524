package com.tickets.infra;

import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL 17 in a container of the official image, configured like the embedded server
 * (400 connections; fsync and synchronous commit off for a throw-away test server, on for a durable one).
 */
public final class ContainerPostgresServer implements PostgresServer {

    private final PostgreSQLContainer container;
    private final int port;

    private ContainerPostgresServer(PostgreSQLContainer container, int port) {
        this.container = container;
        this.port = port;
    }

    /** Starts a throw-away container published on {@code hostPort} (0: a free port). */
    public static ContainerPostgresServer start(int hostPort) {
        return start(hostPort, false);
    }

    /** As {@link #start(int)}; {@code durable}: every commit flushed before it is acknowledged, as in production. */
    public static ContainerPostgresServer start(int hostPort, boolean durable) {
        PostgreSQLContainer container = new PostgreSQLContainer(Containers.POSTGRES_IMAGE)
                .withUsername("postgres").withPassword("postgres").withDatabaseName("postgres");
        String onOrOff = durable ? "on" : "off";
        container.withCommand("postgres", "-c", "max_connections=400", "-c", "fsync=" + onOrOff,
                "-c", "synchronous_commit=" + onOrOff);
        int port = Containers.publish(container, hostPort, PostgreSQLContainer.POSTGRESQL_PORT);
        container.start();
        return new ContainerPostgresServer(container, port);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public String createDatabase(String name) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!rs.next()) {
                s.execute("create database \"" + name + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
    }

    private boolean answers() {
        try (Connection c = connect()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "container " + Containers.POSTGRES_IMAGE + " at " + host() + ":" + port;
    }

    @Override
    public synchronized void stop() {
        Containers.stop(container);
    }

    @Override
    public synchronized void restart() {
        Containers.start(container, this::answers, "PostgreSQL container");
    }

    @Override
    public void close() {
        container.stop();
    }
}
