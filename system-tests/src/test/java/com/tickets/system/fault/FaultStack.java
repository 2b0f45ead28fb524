package com.tickets.system.fault;

import com.tickets.infra.FreePorts;
import com.tickets.infra.Infrastructure;
import com.tickets.infra.KafkaBrokerProcess;
import com.tickets.infra.PostgresServer;
import com.tickets.local.ServiceProcess;
import com.tickets.system.Stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The system the fault scenarios break, in the shape of an on-sale: two booking-api replicas behind the
 * buyers' round robin, the payment worker with a realistic gateway (0.2–0.8 s a call, 20 % declines), the
 * notification worker sending to a real SMTP server ({@link SmtpSink}), the analytics projector; on a
 * PostgreSQL server of its own with durable commits (so it can be restarted and SIGKILLed without touching
 * other tests, and a crash keeps what it acknowledged), a Kafka broker in a process of its own (so it can
 * be SIGKILLed: the JVM's embedded broker can only be shut down cleanly), and topics and consumer groups of
 * its own. Started once for all *FaultIT classes of a run (see {@link FaultStackExtension}); every scenario
 * uses a concert of its own and puts back what it broke.
 */
final class FaultStack implements AutoCloseable {

    static final String API_1 = "booking-api-1";
    static final String API_2 = "booking-api-2";
    static final List<String> APIS = List.of(API_1, API_2);
    static final String PAYMENTS = "payment-worker";
    static final String MAILS = "notification-worker";
    static final String ANALYTICS = "analytics-projector";

    /** The gateway of an on-sale: each call 0.2–0.8 s, one in five declined (docs/payment-worker.md). */
    static final Map<String, String> REALISTIC_GATEWAY = Map.of(
            "PAYMENT_GATEWAY_LATENCY", "PT0.2S..PT0.8S",
            "PAYMENT_GATEWAY_DECLINE_RATE", "0.2");

    private final FaultSettings settings = FaultSettings.current();
    private final PostgresServer postgres;
    private final KafkaBrokerProcess kafka;
    private final SmtpSink mailServer;
    private final Stack stack;
    private final String suffix = "-faults-" + UUID.randomUUID().toString().substring(0, 8);
    /** The replicas and the projector keep their ports across restarts, as a Kubernetes Service would. */
    private final Map<String, Integer> apiPorts = Map.of(API_1, FreePorts.find(), API_2, FreePorts.find());
    private final int analyticsPort = FreePorts.find();

    private FaultStack() {
        CompletableFuture<KafkaBrokerProcess> broker = CompletableFuture.supplyAsync(() -> KafkaBrokerProcess.start(
                Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize()
                        .resolve("system-tests/target/service-logs/kafka.log"), kafkaJvmArgs()));
        PostgresServer pg = null;
        SmtpSink smtp = null;
        try {
            pg = Infrastructure.startRestartablePostgres(true);
            smtp = SmtpSink.start(Duration.ofMillis(20));
            kafka = broker.join();
        } catch (Exception e) {
            broker.thenAccept(KafkaBrokerProcess::close);
            if (pg != null) {
                pg.close();
            }
            if (smtp != null) {
                smtp.close();
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        postgres = pg;
        mailServer = smtp;
        stack = new Stack(suffix, postgres);
    }

    static FaultStack start() {
        long started = System.nanoTime();
        FaultStack s = new FaultStack();
        try {
            // the first replica alone (it migrates the schema), then two at a time: on a busy 2-core machine
            // more JVMs starting at once each take that many times as long
            s.startApi(API_1);
            both(() -> s.startApi(API_2), () -> s.startPayments(REALISTIC_GATEWAY));
            both(s::startMails, s::startAnalytics);
            long ready = System.nanoTime();
            String warm = s.warmUp();
            System.out.printf("FAULT STACK | started in %.0f s; warm-up (not counted): %s, then quiet after %.0f s in all%n",
                    (ready - started) / 1e9, warm, (System.nanoTime() - ready) / 1e9);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static void both(Runnable a, Runnable b) {
        CompletableFuture<Void> first = CompletableFuture.runAsync(a);
        CompletableFuture<Void> second = CompletableFuture.runAsync(b);
        CompletableFuture.allOf(first, second).join();
    }

    /**
     * A crowd on a tier of its own before the first scenario, not counted: the JVMs' first minute runs
     * interpreted code, and a scenario started on a cold stack measured its JITs more than its fault.
     * Then waits (bounded) until the pipeline is quiet again.
     */
    private String warmUp() {
        try {
            Tier tier = Tier.onSale(api(), "Warm-up", "10.00");
            BookingLoad load = BookingLoad.start(this::apis, tier, settings.buyers(), 0, settings.maxRate());
            Thread.sleep(settings.stackWarmUp().toMillis());
            load.stop();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!Snapshot.pipelineQuiet(this, tier) && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
            return "%d bookings at %.0f/s".formatted(load.created.get(), load.rate());
        } catch (Exception e) {
            throw new IllegalStateException("the fault stack's warm-up failed", e);
        }
    }

    /**
     * The replicas a load balancer would send to: those running and ready (a killed one drops out, a restarted
     * one comes back once ready, as with a Kubernetes Service's endpoints); both if none is, so that the buyers'
     * retries find the first one back.
     */
    List<URI> apis() {
        List<URI> live = APIS.stream().filter(n -> stack.service(n) != null && stack.service(n).isAlive()).map(this::api).toList();
        return live.isEmpty() ? APIS.stream().map(this::api).toList() : live;
    }

    URI api() {
        return apis().get(0);
    }

    List<URI> allApis() {
        return APIS.stream().map(this::api).toList();
    }

    URI api(String replica) {
        return URI.create("http://127.0.0.1:" + apiPorts.get(replica));
    }

    URI analytics() {
        return URI.create("http://127.0.0.1:" + analyticsPort);
    }

    String jdbcUrl(String database) {
        return stack.jdbcUrl(database);
    }

    PostgresServer postgres() {
        return postgres;
    }

    KafkaBrokerProcess kafka() {
        return kafka;
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    SmtpSink mailServer() {
        return mailServer;
    }

    String topicSuffix() {
        return suffix;
    }

    ServiceProcess service(String name) {
        return stack.service(name);
    }

    void startApis() {
        both(() -> startApi(API_1), () -> startApi(API_2));
    }

    void startApi(String replica) {
        Map<String, String> env = new HashMap<>(Map.of(
                "BOOKING_HOLD_DURATION", settings.hold().toString(),
                "BOOKING_HOLD_GRACE", settings.holdGrace().toString(),
                "BOOKING_EXPIRY_SWEEP", "2s",
                // its sessions carry the replica's name, so pg_stat_activity tells whose transaction is open
                "BOOKING_DB_URL", stack.jdbcUrl("booking") + "?ApplicationName=" + replica));
        stack.start(replica, "booking-api", withKafka(env), apiPorts.get(replica));
    }

    /** SIGKILL: no shutdown hook runs, in-flight requests and transactions are cut off. */
    void kill(String service) throws InterruptedException {
        ServiceProcess p = stack.service(service);
        if (p != null) {
            p.kill();
            stack.forget(service);
        }
    }

    /** The sum of a Prometheus counter over all its labels matching {@code labelFilter}, from a service's /q/metrics (management port). */
    double counter(String service, String name, String labelFilter) {
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            String body = http.send(java.net.http.HttpRequest.newBuilder(stack.service(service).management().resolve("/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(l -> l.startsWith(name + "{") && l.contains(labelFilter))
                    // "name{labels} value", and with tracing on an exemplar after it ("# {trace_id=…} 1.0 <time>")
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf("} ") + 2).trim().split("\\s+")[0])).sum();
        } catch (Exception e) {
            return Double.NaN; // only used to describe the fault; the checks never depend on it
        }
    }

    /** A single number from SQL on one of the stack's databases, e.g. a count. */
    long queryLong(String database, String sql) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection(jdbcUrl(database), "postgres", "postgres");
             var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The gateway settings the running payment worker was started with. */
    private volatile Map<String, String> gateway = REALISTIC_GATEWAY;

    /**
     * Before each scenario (FaultStackExtension): every service of the stack runs, and a payment worker left
     * with another gateway by the scenario before is replaced by one with the realistic gateway (done here
     * rather than at the end of that scenario, so that the last scenario of a run, the misbehaving gateway,
     * costs no restart). A scenario that failed while putting a killed service back (a restart that never
     * became ready) would otherwise leave the scenarios after it without that service, failing for its
     * reason instead of their own.
     */
    void readyForNextScenario() {
        List<String> restarted = new ArrayList<>();
        for (String replica : APIS) {
            if (notRunning(replica)) {
                startApi(replica);
                restarted.add(replica);
            }
        }
        if (notRunning(PAYMENTS)) {
            startPayments(REALISTIC_GATEWAY);
            restarted.add(PAYMENTS);
        } else if (!gateway.equals(REALISTIC_GATEWAY)) {
            restartPayments(REALISTIC_GATEWAY);
        }
        if (notRunning(MAILS)) {
            startMails();
            restarted.add(MAILS);
        }
        if (notRunning(ANALYTICS)) {
            startAnalytics();
            restarted.add(ANALYTICS);
        }
        if (!restarted.isEmpty()) {
            System.out.println("FAULT STACK | started again before the next scenario (the one before left them down): " + restarted);
        }
    }

    /** Not running, and forgotten if it died, so that it can be started again. */
    private boolean notRunning(String service) {
        ServiceProcess p = stack.service(service);
        if (p != null && p.isAlive()) {
            return false;
        }
        stack.forget(service);
        return true;
    }

    /** Starts a payment worker; {@code gatewayEnv} configures its simulated gateway (docs/payment-worker.md). */
    void startPayments(Map<String, String> gatewayEnv) {
        gateway = gatewayEnv;
        Map<String, String> env = new HashMap<>(gatewayEnv);
        env.put("PAYMENT_RETRY_TOPICS", retryTopics("booking.events", "retry"));
        // owed refunds are retried until paid; short waits (like the short retry topics) so a drill settles in time
        env.put("PAYMENT_REFUND_RETRY_INITIAL_DELAY", "PT1S");
        env.put("PAYMENT_REFUND_RETRY_MAX_DELAY", "PT5S");
        stack.start(PAYMENTS, PAYMENTS, withKafka(env));
    }

    /** Replaces the payment worker by one with other settings (SIGTERM, then a new process). */
    void restartPayments(Map<String, String> gatewayEnv) {
        stack.stop(PAYMENTS);
        startPayments(gatewayEnv);
    }

    void startMails() {
        stack.start(MAILS, MAILS, withKafka(mailEnv()));
    }

    private void startAnalytics() {
        stack.start(ANALYTICS, ANALYTICS, withKafka(analyticsEnv()), analyticsPort);
    }

    /**
     * Each consumer group of the stack and the topics it reads, for {@link ConsumerLag}. SmallRye reads
     * a channel's retry topics in a group of their own, {@code kafka-delayed-retry-topic-<group>}.
     */
    Map<String, List<String>> topicsByGroup() {
        String bookingEvents = "booking.events" + suffix;
        String paymentEvents = "payment.events" + suffix;
        String analytics = "analytics" + suffix;
        String retries = "kafka-delayed-retry-topic-";
        return Map.of(
                "booking-api", List.of(paymentEvents),
                PAYMENTS, List.of(bookingEvents),
                retries + PAYMENTS, split(retryTopics("booking.events", "retry")),
                MAILS, List.of(bookingEvents),
                retries + MAILS, split(retryTopics("booking.events", "notify_retry")),
                analytics, List.of(bookingEvents, paymentEvents),
                retries + analytics, split(retryTopics("booking.events", "analytics_retry") + ","
                        + retryTopics("payment.events", "analytics_retry")));
    }

    List<String> deadLetterTopics() {
        return DeadLetters.topics(suffix);
    }

    private static List<String> split(String commaSeparated) {
        return List.of(commaSeparated.split(","));
    }

    /** Every service on the stack's own broker; with the short suite's consumer session timeout (see FaultSettings). */
    private Map<String, String> withKafka(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        settings.consumerSessionTimeout().ifPresent(t -> all.put("KAFKA_SESSION_TIMEOUT_MS", Long.toString(t.toMillis())));
        // consumers commit what they processed every second (Kafka's default: 5 s), so a caught-up group shows a
        // lag of 0 sooner and the settling ends as soon as the work is done
        all.put("KAFKA_AUTO_COMMIT_INTERVAL_MS", "1000");
        return all;
    }

    private Map<String, String> mailEnv() {
        Map<String, String> env = new HashMap<>(Map.of("MAIL_MOCK", "false", "MAIL_HOST", "127.0.0.1",
                "MAIL_PORT", Integer.toString(mailServer.port()), "MAIL_START_TLS", "DISABLED",
                "NOTIFICATION_RETRY_TOPICS", retryTopics("booking.events", "notify_retry")));
        if (Boolean.getBoolean("faults.mail-debug")) {
            env.put("QUARKUS_LOG_CATEGORY__IO_VERTX_EXT_MAIL__LEVEL", "DEBUG");
        }
        return env;
    }

    private Map<String, String> analyticsEnv() {
        return Map.of("ANALYTICS_CONSUMER_GROUP", "analytics" + suffix,
                "ANALYTICS_BOOKING_RETRY_TOPICS", retryTopics("booking.events", "analytics_retry"),
                "ANALYTICS_PAYMENT_RETRY_TOPICS", retryTopics("payment.events", "analytics_retry"));
    }

    /**
     * Retry topics of this stack, 2, 5 and 10 s: long enough together to outlast the short outages
     * (a worker whose database is restarting retries rather than giving up), short enough for a test.
     */
    private String retryTopics(String topic, String kind) {
        String base = topic + suffix + "_" + kind + "_";
        return base + "2000," + base + "5000," + base + "10000";
    }

    private static List<String> kafkaJvmArgs() {
        // test infrastructure, not the system under test: started (and restarted, in the Kafka scenarios) as
        // cheaply as possible on a busy machine: no C2 compiler threads, a small serial heap
        List<String> args = new ArrayList<>(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        String logManager = System.getProperty("java.util.logging.manager");
        if (logManager != null) {
            args.add("-Djava.util.logging.manager=" + logManager);
        }
        return args;
    }

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            try {
                kafka.close();
            } finally {
                try {
                    postgres.close();
                } finally {
                    mailServer.close();
                }
            }
        }
    }
}
