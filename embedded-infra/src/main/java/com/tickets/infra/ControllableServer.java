package com.tickets.infra;

/**
 * A server this JVM started (embedded or in a container), which tests may stop and start again on
 * the same address (fault tests: clients see their connections refused, then the server back).
 */
public interface ControllableServer extends AutoCloseable {

    /** Stops the server, keeping its data, so {@link #restart()} resumes it on the same address. */
    void stop();

    /** Starts the server again after {@link #stop()} and waits until it answers. */
    void restart();

    /** What it is and where, for the one line that says where the infrastructure comes from. */
    String describe();

    @Override
    void close();
}
