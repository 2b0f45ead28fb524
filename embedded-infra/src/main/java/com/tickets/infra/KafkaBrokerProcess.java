package com.tickets.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The single-node KRaft broker of {@link EmbeddedKafkaBroker}, but in a JVM of its own, so that it can be
 * SIGKILLed like a real broker process (the embedded one shares the test JVM and can only be shut down
 * cleanly). Same port, controller port and log directory across restarts; the log directory is deleted on
 * {@link #close()}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path logDir;
    private final Path log;
    private final int port = FreePorts.find();
    private final int controllerPort = FreePorts.find();
    private final List<String> jvmArgs;
    private Process process;
    private int starts;

    private KafkaBrokerProcess(Path logDir, Path log, List<String> jvmArgs) {
        this.logDir = logDir;
        this.log = log;
        this.jvmArgs = jvmArgs;
    }

    /** Starts a broker process with a fresh log directory; its output goes to {@code log} (one file per start: -1, -2, ...). */
    public static KafkaBrokerProcess start(Path log, List<String> jvmArgs) {
        try {
            KafkaBrokerProcess broker = new KafkaBrokerProcess(Files.createTempDirectory("kafka-process-"), log, jvmArgs);
            broker.launch();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGTERM: Kafka's controlled shutdown (log flushed, clean-shutdown marker written), then waits for the exit. */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process = null;
        }
    }

    /** SIGKILL: no shutdown hook, no flush; in-flight requests are cut off and the next start recovers the log. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Starts the broker again (same port, same data) after {@link #stop()} or {@link #kill()}; waits until it serves. */
    public synchronized void restart() {
        if (process == null) {
            launch();
        }
    }

    private void launch() {
        starts++;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        // the test JVM's own class path carries Kafka's server jars (this module's dependencies)
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EmbeddedKafkaBroker.class.getName(),
                logDir.toString(), Integer.toString(port), Integer.toString(controllerPort)));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            String name = log.getFileName().toString().replaceFirst("\\.log$", "") + "-" + starts + ".log";
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.resolveSibling(name).toFile()).start();
            awaitReady(Duration.ofSeconds(120));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker process", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker process exited with " + process.exitValue() + "; see " + log);
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Kafka broker process did not become ready; see " + log, last);
    }

    @Override
    public synchronized void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try (var paths = Files.walk(logDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // best effort: a temp directory
            }
            logDir.resolveSibling(logDir.getFileName() + ".properties").toFile().delete();
        }
    }
}
