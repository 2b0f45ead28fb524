package com.tickets.infra;

/** A PostgreSQL server of ours: {@link EmbeddedPostgresServer} or {@link ContainerPostgresServer}. */
public interface PostgresServer extends ControllableServer {

    int port();

    /** The host clients use (127.0.0.1, or the Docker engine's host). */
    default String host() {
        return "127.0.0.1";
    }

    /** Creates a database (if missing) owned by the superuser and returns its JDBC URL. */
    String createDatabase(String name);

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    default String username() {
        return "postgres";
    }

    default String password() {
        return "postgres";
    }
}
