package com.tickets.local;

import com.tickets.infra.EmbeddedKafkaBroker;
import com.tickets.infra.EmbeddedPostgresServer;
import com.tickets.infra.EmbeddedRedisServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine without Docker: PostgreSQL, Redis and a KRaft Kafka broker from
 * Maven Central jars (data under {@code .local-data/}, kept across restarts unless {@code --reset};
 * PostgreSQL commits durably only with {@code --durable}: fsync off is faster on a laptop),
 * then every service's {@code quarkus-run.jar} as a child process wired by environment variables,
 * with the {@code local} profile, listening on 127.0.0.1 only ({@code LOCAL_BIND_HOST} to change it),
 * its management interface (health, metrics, OpenAPI) on 9080-9083.
 * Ctrl-C (or SIGTERM) stops the services first, then the infrastructure.
 *
 * <p>Infrastructure already running elsewhere is reused when named in the environment:
 * {@code INFRA_DB_URL} (+ {@code INFRA_DB_USER}, {@code INFRA_DB_PASSWORD}), {@code INFRA_REDIS_URL},
 * {@code INFRA_KAFKA_BOOTSTRAP_SERVERS}.
 *
 * <p>The three workers run at a lower CPU priority ({@code nice} 10, {@code LOCAL_WORKER_NICE},
 * 0 for none) than booking-api and the infrastructure. On one machine every process shares the
 * same cores, and during an on-sale the workers' catching up (charging, mailing, projecting)
 * would otherwise take CPU from the buyers' requests; in Kubernetes each pod has its own CPU
 * request, and this is the one-machine way to say the same thing: the request path first, the
 * background work with what is left (it catches up after the rush).
 */
public final class LocalStack {

    static final int POSTGRES_PORT = 15432;
    static final int REDIS_PORT = 16379;
    static final int KAFKA_PORT = 19092;

    /** {@code managementPort}: health, metrics, OpenAPI and Swagger UI (never on {@code port}). */
    record Service(String module, int port, int managementPort, String dbPrefix, Map<String, String> extraEnv) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("booking-api", 8080, 9080, "BOOKING", Map.of("ANALYTICS_PUBLIC_URL", "http://localhost:8083")),
            new Service("payment-worker", 8081, 9081, "PAYMENT", Map.of()),
            new Service("notification-worker", 8082, 9082, "NOTIFICATION", Map.of("MAIL_MOCK", "true", "MAILBOX_PAGE", "true")),
            new Service("analytics-projector", 8083, 9083, "ANALYTICS", Map.of("ANALYTICS_CORS_ORIGINS", "http://localhost:8080")));

    private final Path root = Path.of("").toAbsolutePath();
    private final Path data = root.resolve(".local-data");
    private final List<AutoCloseable> infrastructure = new ArrayList<>();
    private final List<ServiceProcess> processes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        // -Dlocal.args="--reset --durable" arrives as one argument
        List<String> flags = java.util.Arrays.stream(args).flatMap(a -> java.util.Arrays.stream(a.trim().split("\\s+"))).toList();
        boolean reset = flags.contains("--reset");
        boolean durable = flags.contains("--durable");
        LocalStack stack = new LocalStack();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "local-stack-stop"));
        stack.start(reset, durable);
        stopped.await();
    }

    private void start(boolean reset, boolean durable) throws Exception {
        if (reset) {
            deleteRecursively(data);
        }
        Files.createDirectories(data.resolve("logs"));
        long t0 = System.nanoTime();

        String jdbcBase;
        String dbUser;
        String dbPassword;
        EmbeddedPostgresServer postgres = null;
        Optional<String> externalDb = env("INFRA_DB_URL");
        if (externalDb.isPresent()) {
            jdbcBase = externalDb.get().substring(0, externalDb.get().lastIndexOf('/') + 1);
            dbUser = env("INFRA_DB_USER").orElse("postgres");
            dbPassword = env("INFRA_DB_PASSWORD").orElse("");
        } else {
            postgres = EmbeddedPostgresServer.start(data.resolve("postgres"), POSTGRES_PORT, durable);
            infrastructure.add(postgres);
            jdbcBase = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/";
            dbUser = postgres.username();
            dbPassword = postgres.password();
        }
        String redisUrl = env("INFRA_REDIS_URL").orElseGet(() -> {
            EmbeddedRedisServer redis = EmbeddedRedisServer.start(REDIS_PORT);
            infrastructure.add(redis);
            return redis.url();
        });
        String kafka = env("INFRA_KAFKA_BOOTSTRAP_SERVERS").orElseGet(() -> {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data.resolve("kafka"), KAFKA_PORT, false);
            infrastructure.add(broker);
            return broker.bootstrapServers();
        });
        System.out.printf("infrastructure ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);

        for (Service service : SERVICES) {
            Path jar = ServiceProcess.jarOf(root, service.module());
            if (!Files.exists(jar)) {
                System.out.printf("skipping %s: %s not built%n", service.module(), root.relativize(jar));
                continue;
            }
            String database = service.module().replace("-", "_");
            if (postgres != null) {
                postgres.createDatabase(database);
            }
            Map<String, String> env = new LinkedHashMap<>(service.extraEnv());
            env.put(service.dbPrefix() + "_DB_URL", jdbcBase + database);
            env.put(service.dbPrefix() + "_DB_USER", dbUser);
            env.put(service.dbPrefix() + "_DB_PASSWORD", dbPassword);
            env.put("REDIS_URL", redisUrl);
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
            // this machine only, unless LOCAL_BIND_HOST says otherwise (e.g. 0.0.0.0 to show it to a phone)
            env.put("HTTP_HOST", bindHost());
            env.put("MANAGEMENT_HOST", bindHost());
            int niceness = service.module().equals("booking-api") ? 0 : workerNiceness();
            processes.add(ServiceProcess.start(service.module(), jar, service.port(), service.managementPort(), env, data.resolve("logs"),
                    List.of("-Xmx512m"), niceness));
        }
        for (ServiceProcess p : processes) {
            boolean ready = p.awaitReady(Duration.ofSeconds(120));
            System.out.printf("  %-20s %s%n", p.name(), ready ? "ready at " + p.base() + ", management " + p.management()
                    : "NOT ready after 120 s: see " + root.relativize(p.log()));
        }
        boolean analytics = processes.stream().anyMatch(p -> p.name().equals("analytics-projector"));
        System.out.printf("%n  Concert tickets is running (%d ms):%n", (System.nanoTime() - t0) / 1_000_000);
        System.out.println("    web page            http://localhost:8080");
        System.out.println("    API                 http://localhost:8080/api/concerts");
        System.out.println("    Swagger UI          http://localhost:9080/q/swagger-ui (management port)");
        System.out.println("    health, metrics     http://localhost:9080/q/health, /q/metrics; workers 9081, 9082, 9083");
        if (analytics) {
            System.out.println("    organizer dashboard http://localhost:8083/api/analytics/dashboard (organizer / organizer)");
        }
        System.out.println("    e-mails             http://localhost:8082/mailbox?to=<email> (kept in memory, also in the log)");
        System.out.println("    service logs        " + root.relativize(data.resolve("logs")) + "/");
        System.out.printf("    PostgreSQL %s (%s), Redis %s, Kafka %s%n", jdbcBase,
                postgres == null ? "yours" : durable ? "durable commits" : "fsync off: add -Dlocal.args=--durable for durable commits",
                redisUrl, kafka);
        System.out.printf("    profile %s, listening on %s (LOCAL_BIND_HOST)%n", ServiceProcess.PROFILE, bindHost());
        System.out.println("  Ctrl-C stops everything; data stays in .local-data/ (add -Dlocal.args=--reset to start clean).");
    }

    private void stop() {
        // SIGTERM: each Quarkus service drains HTTP and commits its Kafka offsets
        processes.parallelStream().forEach(ServiceProcess::close);
        for (int i = infrastructure.size() - 1; i >= 0; i--) {
            try {
                infrastructure.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
        System.out.println("local stack stopped");
    }

    private static String bindHost() {
        return env("LOCAL_BIND_HOST").orElse("127.0.0.1");
    }

    private static int workerNiceness() {
        return env("LOCAL_WORKER_NICE").map(Integer::parseInt).orElse(10);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
