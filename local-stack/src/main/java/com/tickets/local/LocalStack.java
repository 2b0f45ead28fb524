package com.tickets.local;

import com.tickets.infra.ContainerKafkaBroker;
import com.tickets.infra.ContainerPostgresServer;
import com.tickets.infra.ContainerRedisServer;
import com.tickets.infra.EmbeddedKafkaBroker;
import com.tickets.infra.EmbeddedPostgresServer;
import com.tickets.infra.EmbeddedRedisServer;
import com.tickets.infra.InfraMode;
import com.tickets.infra.InfraMode.Choice;
import com.tickets.infra.InfraMode.Server;
import com.tickets.infra.InfraMode.Source;
import com.tickets.infra.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@code INFRA_DB_URL} (+ {@code INFRA_DB_USER}, {@code INFRA_DB_PASSWORD}; the services' databases
 * are created there if missing), {@code INFRA_REDIS_URL}, {@code INFRA_KAFKA_BOOTSTRAP_SERVERS}.
 * Otherwise the servers are embedded (their data survives restarts), or containers with
 * {@code INFRA_MODE=containers} (throw-away data), or where this platform has no embedded
 * binary and a Docker engine answers ({@link InfraMode}); the choice is printed.
 *
 * <p>{@code --infra-only} starts PostgreSQL, Redis and Kafka and no service, and prints for each
 * service the {@code quarkus:dev} command, with the variables, that runs it against them (each
 * service's {@code %dev} profile has this stack's default addresses and ports of its own,
 * {@link #devPort}).
 *
 * <p>The three workers run at a lower CPU priority ({@code nice} 10, {@code LOCAL_WORKER_NICE},
 * 0 for none) than booking-api and the infrastructure. On one machine every process shares the
 * same cores, and during an on-sale the workers' catching up (charging, mailing, projecting)
 * would otherwise take CPU from the buyers' requests; in Kubernetes each pod has its own CPU
 * request, and this is the one-machine way to say the same thing: the request path first, the
 * background work with what is left (it catches up after the rush). For the same reason booking-api
 * starts first and the workers once it is ready.
 */
public final class LocalStack {

    static final int POSTGRES_PORT = 15432;
    static final int REDIS_PORT = 16379;
    static final int KAFKA_PORT = 19092;
    /** A service in dev mode listens 100 above its place in the stack (8180-8183, management 9180-9183). */
    static final int DEV_PORT_OFFSET = 100;
    /** The web page's Vite dev server (booking-api/src/main/webui: npm run dev). */
    static final String VITE_DEV_URL = "http://localhost:5173";

    /** {@code managementPort}: health, metrics, OpenAPI and Swagger UI (never on {@code port}). */
    record Service(String module, int port, int managementPort, String dbPrefix, Map<String, String> extraEnv) {
        /** Each service's own database on the stack's server: booking_api, payment_worker, ... */
        String database() {
            return module.replace("-", "_");
        }
    }

    /** How long a service recording its AOT cache may take to stop (writing a cache took about 30 s here). */
    private static final Duration AOT_CACHE_WRITE = Duration.ofSeconds(120);

    static final List<Service> SERVICES = List.of(
            new Service("booking-api", 8080, 9080, "BOOKING", Map.of("ANALYTICS_PUBLIC_URL", "http://localhost:8083")),
            new Service("payment-worker", 8081, 9081, "PAYMENT", Map.of()),
            new Service("notification-worker", 8082, 9082, "NOTIFICATION", Map.of("MAIL_MOCK", "true", "MAILBOX_PAGE", "true")),
            new Service("analytics-projector", 8083, 9083, "ANALYTICS", Map.of("ANALYTICS_CORS_ORIGINS", "http://localhost:8080")));

    private final Path root = Path.of("").toAbsolutePath();
    private final Path data = root.resolve(".local-data");
    private final List<AutoCloseable> infrastructure = new ArrayList<>();
    private final List<ServiceProcess> processes = new ArrayList<>();
    /** The services recording their AOT cache in this run (ServiceJvm); each writes it as it stops. */
    private final Set<ServiceProcess> recordingAotCache = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) throws Exception {
        // -Dlocal.args="--reset --durable" arrives as one argument
        List<String> flags = java.util.Arrays.stream(args).flatMap(a -> java.util.Arrays.stream(a.trim().split("\\s+"))).toList();
        boolean reset = flags.contains("--reset");
        boolean durable = flags.contains("--durable");
        boolean infraOnly = flags.contains("--infra-only");
        for (String flag : flags) {
            if (!flag.isEmpty() && !List.of("--run", "--reset", "--durable", "--infra-only").contains(flag)) {
                System.err.println("unknown option " + flag + " (use --reset, --durable, --infra-only)");
                System.exit(2);
            }
        }
        LocalStack stack = new LocalStack();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.stop();
            stopped.countDown();
        }, "local-stack-stop"));
        stack.start(reset, durable, infraOnly);
        stopped.await();
    }

    private void start(boolean reset, boolean durable, boolean infraOnly) throws Exception {
        if (reset) {
            deleteRecursively(data);
        }
        Files.createDirectories(data.resolve("logs"));
        long t0 = System.nanoTime();

        String jdbcBase;
        String dbUser;
        String dbPassword;
        PostgresServer postgres = null;
        Choice pgChoice = InfraMode.choose(Server.POSTGRES, true);
        Optional<String> externalDb = env("INFRA_DB_URL");
        if (pgChoice.source() == Source.GIVEN) {
            jdbcBase = externalDb.get().substring(0, externalDb.get().lastIndexOf('/') + 1);
            dbUser = env("INFRA_DB_USER").orElse("postgres");
            dbPassword = env("INFRA_DB_PASSWORD").orElse("");
            InfraMode.print(pgChoice, externalDb.get());
        } else {
            postgres = pgChoice.source() == Source.CONTAINER ? ContainerPostgresServer.start(POSTGRES_PORT)
                    : EmbeddedPostgresServer.start(data.resolve("postgres"), POSTGRES_PORT, durable);
            infrastructure.add(postgres);
            InfraMode.print(pgChoice, postgres.describe());
            jdbcBase = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/";
            dbUser = postgres.username();
            dbPassword = postgres.password();
        }
        for (Service service : SERVICES) {
            createDatabase(postgres, jdbcBase, dbUser, dbPassword, service.database());
        }
        Choice redisChoice = InfraMode.choose(Server.REDIS, true);
        String redisUrl;
        if (redisChoice.source() == Source.GIVEN) {
            redisUrl = env("INFRA_REDIS_URL").get();
            InfraMode.print(redisChoice, redisUrl);
        } else {
            com.tickets.infra.RedisServer redis = redisChoice.source() == Source.CONTAINER
                    ? ContainerRedisServer.start(REDIS_PORT) : EmbeddedRedisServer.start(REDIS_PORT);
            infrastructure.add(redis);
            InfraMode.print(redisChoice, redis.describe());
            redisUrl = redis.url();
        }
        Choice kafkaChoice = InfraMode.choose(Server.KAFKA, true);
        String kafka;
        if (kafkaChoice.source() == Source.GIVEN) {
            kafka = env("INFRA_KAFKA_BOOTSTRAP_SERVERS").get();
            InfraMode.print(kafkaChoice, kafka);
        } else {
            com.tickets.infra.KafkaBroker broker = kafkaChoice.source() == Source.CONTAINER
                    ? ContainerKafkaBroker.start(KAFKA_PORT) : EmbeddedKafkaBroker.start(data.resolve("kafka"), KAFKA_PORT, false);
            infrastructure.add(broker);
            InfraMode.print(kafkaChoice, broker.describe());
            kafka = broker.bootstrapServers();
        }
        System.out.printf("infrastructure ready in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        if (infraOnly) {
            printDevCommands(jdbcBase, dbUser, dbPassword, redisUrl, kafka);
            return;
        }

        ServiceJvm jvm = ServiceJvm.fromEnvironment();
        for (Service service : SERVICES) {
            Path jar = ServiceProcess.jarOf(root, service.module());
            if (!Files.exists(jar)) {
                System.out.printf("skipping %s: %s not built%n", service.module(), root.relativize(jar));
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>(service.extraEnv());
            env.putAll(infraEnv(service, jdbcBase, dbUser, dbPassword, redisUrl, kafka));
            // this machine only, unless LOCAL_BIND_HOST says otherwise (e.g. 0.0.0.0 to show it to a phone)
            env.put("HTTP_HOST", bindHost());
            env.put("MANAGEMENT_HOST", bindHost());
            int niceness = service.module().equals("booking-api") ? 0 : workerNiceness();
            List<String> jvmArgs = new java.util.ArrayList<>(List.of("-Xmx512m"));
            ServiceJvm.AotCache aot = jvm.aotCacheFor(jar);
            jvmArgs.addAll(aot.jvmArgs());
            if (aot.file() != null) {
                System.out.printf("  %-20s %s %s%n", service.module(), aot.says(), root.relativize(aot.file()));
            }
            ServiceProcess process = ServiceProcess.start(service.module(), jar, service.port(), service.managementPort(), env,
                    data.resolve("logs"), jvmArgs, niceness, jvm.java());
            processes.add(process);
            if (aot.recording()) {
                recordingAotCache.add(process);
            }
            if (service.module().equals("booking-api")) {
                // the front door first, alone: a start is CPU-bound, and with the three workers starting beside it
                // on two cores it took 6.6 s instead of 4.6 s (docs/benchmarks.md, "Startup"); the workers start
                // once it answers and catch up, as they do after a rush
                process.awaitReady(Duration.ofSeconds(120));
            }
        }
        for (ServiceProcess p : processes) {
            boolean ready = p.awaitReady(Duration.ofSeconds(120));
            System.out.printf("  %-20s %s%n", p.name(), ready ? "ready in %.1f s at %s, management %s".formatted(
                            p.readyAfter().toMillis() / 1000.0, p.base(), p.management())
                    : "NOT ready after 120 s, " + p.whyNotReady() + ": see " + root.relativize(p.log()));
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

    /** Creates a service's database on our server, or on the given one when the user may (else says so). */
    private static void createDatabase(PostgresServer ours, String jdbcBase, String user, String password, String database) {
        if (ours != null) {
            ours.createDatabase(database);
            return;
        }
        try (var c = java.sql.DriverManager.getConnection(jdbcBase + "postgres", user, password); var s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("create database \"" + database + "\"");
            }
        } catch (java.sql.SQLException e) {
            System.out.printf("  could not create database %s on %s (%s): create it yourself%n", database, jdbcBase, e.getMessage());
        }
    }

    /** The environment a service gets from this stack (the same for its jar and for quarkus:dev). */
    static Map<String, String> infraEnv(Service service, String jdbcBase, String dbUser, String dbPassword, String redisUrl, String kafka) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(service.dbPrefix() + "_DB_URL", jdbcBase + service.database());
        env.put(service.dbPrefix() + "_DB_USER", dbUser);
        env.put(service.dbPrefix() + "_DB_PASSWORD", dbPassword);
        if (service.module().equals("booking-api")) {
            env.put("REDIS_URL", redisUrl);
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        return env;
    }

    static int devPort(int port) {
        return port + DEV_PORT_OFFSET;
    }

    private void printDevCommands(String jdbcBase, String dbUser, String dbPassword, String redisUrl, String kafka) {
        System.out.printf("%n  PostgreSQL, Redis and Kafka are running; no service (--infra-only).%n");
        System.out.printf("  Run a service with live reload, each in a terminal of its own, from %s:%n%n", root);
        int debugPort = 5005;
        for (Service service : SERVICES) {
            Map<String, String> env = infraEnv(service, jdbcBase, dbUser, dbPassword, redisUrl, kafka);
            StringBuilder command = new StringBuilder();
            env.forEach((k, v) -> command.append(k).append('=').append(shellQuote(v)).append(' '));
            command.append("./mvnw quarkus:dev -pl ").append(service.module()).append(" -am -Ddebug=").append(debugPort++);
            if (service.module().equals("booking-api")) {
                command.append(" -DskipWebui");
            }
            System.out.printf("    # %s: http://localhost:%d, management http://localhost:%d%n", service.module(),
                    devPort(service.port()), devPort(service.managementPort()));
            System.out.printf("    %s%n%n", command);
        }
        System.out.printf("  The web page with live reload (Vite; /api goes to the dev booking-api on %d):%n", devPort(8080));
        System.out.printf("    cd booking-api/src/main/webui && npm install && npm run dev    # then %s%n%n", VITE_DEV_URL);
        System.out.println("  (The %dev profile of each service has these very addresses as defaults; the variables say it");
        System.out.println("  out, and matter when INFRA_* pointed this stack at servers of your own.)");
        System.out.println("  Ctrl-C stops the infrastructure; data stays in .local-data/ (-Dlocal.args=\"--infra-only --reset\" starts clean).");
    }

    /** Quotes a value for a POSIX shell when it needs it. */
    static String shellQuote(String value) {
        return value.matches("[A-Za-z0-9_@%+=:,./-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }

    private void stop() {
        if (!recordingAotCache.isEmpty()) {
            System.out.println("  writing the AOT caches recorded in this run (once per build; up to two minutes)");
        }
        // SIGTERM: each Quarkus service drains HTTP and commits its Kafka offsets; a JVM recording its AOT cache
        // then writes it, which takes longer than a plain stop
        processes.parallelStream().forEach(p -> {
            if (recordingAotCache.contains(p)) {
                try {
                    p.terminate(AOT_CACHE_WRITE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            p.close();
        });
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
