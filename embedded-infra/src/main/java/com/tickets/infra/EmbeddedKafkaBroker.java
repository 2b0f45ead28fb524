package com.tickets.infra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) running in this JVM, from
 * Kafka's own jars. The broker's kafka-clients version is the one the Quarkus BOM manages, so it
 * shares the classpath with the application under test without clashes.
 */
public final class EmbeddedKafkaBroker implements KafkaBroker {

    private final Path logDir;
    private final boolean deleteOnClose;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Path logDir, boolean deleteOnClose, int port, int controllerPort) {
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public static EmbeddedKafkaBroker startEphemeral() {
        try {
            Path dir = Files.createTempDirectory("kafka-");
            return start(dir, 0, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a broker whose log directory survives restarts (the local run), on a port (0 = free). */
    public static EmbeddedKafkaBroker start(Path logDir, int port, boolean deleteOnClose) {
        return start(logDir, port, 0, deleteOnClose);
    }

    /** As {@link #start(Path, int, boolean)}, with the controller's port too (0 = free). */
    public static EmbeddedKafkaBroker start(Path logDir, int port, int controllerPort, boolean deleteOnClose) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(logDir, deleteOnClose,
                port == 0 ? FreePorts.find() : port, controllerPort == 0 ? FreePorts.find() : controllerPort);
        broker.startServer();
        return broker;
    }

    /**
     * The broker as a process of its own ({@link KafkaBrokerProcess}): {@code <log dir> <port> <controller port>}.
     * Prints {@code KAFKA READY <bootstrap servers>} once it serves; SIGTERM shuts it down cleanly (a
     * controlled shutdown, as {@link #stop()}), SIGKILL does not (the log is recovered at the next start).
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaBroker broker = start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), false);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-stop"));
        System.out.println("KAFKA READY " + broker.bootstrapServers());
        System.out.flush();
        broker.awaitStopped();
    }

    private void awaitStopped() throws InterruptedException {
        KafkaRaftServer s;
        synchronized (this) {
            s = server;
        }
        if (s != null) {
            s.awaitShutdown();
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        return p;
    }

    private void startServer() {
        try {
            Properties props = properties();
            Path config = logDir.resolveSibling(logDir.getFileName() + ".properties");
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "embedded kafka");
            }
            // StorageTool.main calls System.exit, execute() does not; --ignore-formatted makes restarts work.
            ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
            StorageTool.execute(new String[] {"format", "-t", clusterId(), "-c", config.toString(),
                    "--ignore-formatted"}, new PrintStream(formatOutput));
            server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            server.startup();
            KafkaBroker.awaitReady(bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("could not start embedded Kafka", e);
        }
    }

    /** The id the log directory was formatted with, so a restart (same or new JVM) finds its own cluster. */
    private String clusterId() throws IOException {
        Path meta = logDir.resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties p = new Properties();
            try (var in = Files.newBufferedReader(meta)) {
                p.load(in);
            }
            return p.getProperty("cluster.id");
        }
        return Uuid.randomUuid().toString();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String describe() {
        return "embedded Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + " (KRaft, in this JVM) at " + bootstrapServers();
    }

    /** Stops the broker but keeps its data, so {@link #restart()} resumes it (fault tests). */
    @Override
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            deleteRecursively(logDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: it is a temp directory
        }
    }
}
