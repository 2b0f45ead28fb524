package com.tickets.infra;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Redis 7 in a container of the official image, without persistence, like the embedded one. */
public final class ContainerRedisServer implements RedisServer {

    private static final int REDIS_PORT = 6379;

    private final GenericContainer<?> container;
    private final int port;

    private ContainerRedisServer(GenericContainer<?> container, int port) {
        this.container = container;
        this.port = port;
    }

    /** Starts a container published on {@code hostPort} (0: a free port). */
    public static ContainerRedisServer start(int hostPort) {
        GenericContainer<?> container = new GenericContainer<>(Containers.REDIS_IMAGE)
                .withExposedPorts(REDIS_PORT)
                .withCommand("redis-server", "--save", "", "--appendonly", "no")
                .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
        int port = Containers.publish(container, hostPort, REDIS_PORT);
        container.start();
        return new ContainerRedisServer(container, port);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String host() {
        return container.getHost();
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 1000);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(5);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "container " + Containers.REDIS_IMAGE + " at " + url();
    }

    @Override
    public synchronized void stop() {
        Containers.stop(container);
    }

    @Override
    public synchronized void restart() {
        Containers.start(container, this::answers, "Redis container");
    }

    @Override
    public void close() {
        container.stop();
    }
}
