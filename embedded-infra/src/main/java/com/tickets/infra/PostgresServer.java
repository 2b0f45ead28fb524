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

    /** Whether {@link #kill()} can crash this server (the embedded one, whose postmaster is a process of ours). */
    default boolean killable() {
        return false;
    }

    /**
     * Crashes the server as a power cut would (SIGKILL, no shutdown checkpoint); {@link #restart()} then
     * recovers from the WAL. Returns how many of its processes had to be killed after the postmaster.
     */
    default int kill() throws InterruptedException {
        throw new UnsupportedOperationException(describe() + " cannot be SIGKILLed from here");
    }
}
