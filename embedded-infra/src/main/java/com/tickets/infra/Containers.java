package com.tickets.infra;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What the three containers share. Each is published on a host port chosen before it starts (not
 * Docker's random one), so that stopping and starting the container (fault tests) keeps its address;
 * on a local engine only on 127.0.0.1. Testcontainers' reaper removes them when the JVM exits.
 */
final class Containers {

    static final String POSTGRES_IMAGE = "postgres:17";
    static final String REDIS_IMAGE = "redis:7";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

    private Containers() {
    }

    /** Publishes {@code containerPort} on {@code hostPort} (0: a free one); returns the host port. */
    static int publish(GenericContainer<?> container, int hostPort, int containerPort) {
        int port = hostPort == 0 ? FreePorts.find() : hostPort;
        String binding = localEngine() ? "127.0.0.1:" + port + ":" + containerPort : port + ":" + containerPort;
        container.setPortBindings(List.of(binding));
        return port;
    }

    private static boolean localEngine() {
        String host = DockerClientFactory.instance().dockerHostIpAddress();
        return Set.of("localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1").contains(host);
    }

    static void stop(GenericContainer<?> container) {
        DockerClientFactory.instance().client().stopContainerCmd(container.getContainerId()).withTimeout(10).exec();
    }

    static void start(GenericContainer<?> container, BooleanSupplier answers, String what) {
        DockerClientFactory.instance().client().startContainerCmd(container.getContainerId()).exec();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (answers.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(what + " did not answer within 60 s of its restart");
    }
}
