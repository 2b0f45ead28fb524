package com.tickets.infra;

import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A real Redis server from the embedded-redis jar (a native binary it unpacks and runs), bound to
 * loopback, no persistence. The jar has binaries for linux-amd64 and linux-arm64 (Redis 6.2),
 * linux-386, darwin-amd64 and darwin-arm64 (6.2) and windows-amd64 (5.0); on any other platform
 * {@link #supported()} is false and {@link #start(int)} says what to do instead.
 */
public final class EmbeddedRedisServer implements RedisServer {

    private final redis.embedded.RedisServer server;
    private final int port;

    private EmbeddedRedisServer(redis.embedded.RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Whether the embedded-redis jar has a binary for this machine's OS and CPU. */
    public static boolean supported() {
        try {
            return ExecutableProvider.newProvidedVersionsMap().containsKey(OsArchitecture.detectOSandArchitecture());
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String unsupportedMessage() {
        return "embedded Redis has no binary for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                + " (embedded-redis ships linux-amd64, linux-arm64, linux-386, darwin-amd64, darwin-arm64, windows-amd64):"
                + " run a Docker engine (the container path) or set INFRA_REDIS_URL to a Redis you run";
    }

    public static EmbeddedRedisServer start(int port) {
        if (!supported()) {
            throw new IllegalStateException(unsupportedMessage());
        }
        int actualPort = port == 0 ? FreePorts.find() : port;
        try {
            redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
                    .port(actualPort)
                    .setting("bind 127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            return new EmbeddedRedisServer(server, actualPort);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Redis", e);
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String describe() {
        return "embedded Redis (embedded-redis binary, " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ") at " + url();
    }

    /** Stops the server; {@link #restart()} brings it back on the same port (fault tests). */
    @Override
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void restart() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (server.isActive()) {
            stop();
        }
    }
}
