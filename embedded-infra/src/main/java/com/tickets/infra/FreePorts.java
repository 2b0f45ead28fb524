package com.tickets.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the servers that tests and the local run start (PostgreSQL, Redis, Kafka, the services):
 * free when chosen, and below the kernel's ephemeral range. A port the kernel handed out for
 * {@code bind(0)} lies inside that range, where any outgoing connection (a Kafka client, a JDBC pool,
 * a buyer's retry against a killed replica) may take it as its local port in the seconds between the
 * choice and the server's bind, or while a killed server is down before its restart on the same port.
 * Below the range only a listening server takes a port. One JVM hands out the ports of the range in
 * turn from a random start, so not the same one twice before it has gone round all of them (12,767 here).
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Above the local stack's fixed ports (8080–8083, 9080–9083, 15432, 16379, 19092). */
    private static final int LOWEST = 20_000;
    private static final int HIGHEST = ephemeralLow() - 1;
    private static final AtomicInteger NEXT = new AtomicInteger(
            LOWEST + ThreadLocalRandom.current().nextInt(Math.max(1, HIGHEST - LOWEST)));

    private FreePorts() {
    }

    public static int find() {
        if (HIGHEST - LOWEST < 1_000) {
            return anyFreePort(); // an unusual ephemeral range: nothing sizeable below it
        }
        for (int tries = 0; tries < HIGHEST - LOWEST; tries++) {
            int port = LOWEST + Math.floorMod(NEXT.getAndIncrement() - LOWEST, HIGHEST - LOWEST + 1);
            if (bindable(port)) {
                return port;
            }
        }
        return anyFreePort();
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first port of the kernel's ephemeral range (Linux; elsewhere the IANA range's 49152). */
    private static int ephemeralLow() {
        try {
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
