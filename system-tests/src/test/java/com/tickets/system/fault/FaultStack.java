package com.tickets.system.fault;

import com.tickets.infra.Infrastructure;
import com.tickets.infra.PostgresServer;
import com.tickets.local.ServiceProcess;
import com.tickets.system.Stack;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.List;

/**
 * The system the fault scenarios break: all four services as processes, on a PostgreSQL server of
 * its own (so it can be restarted without touching other tests) and topics and consumer groups of
 * its own. Started once for all *FaultIT classes of a run (see {@link FaultStackExtension}); every
 * scenario uses a concert of its own and puts back what it broke.
 */
final class FaultStack implements AutoCloseable {

    static final String API = "booking-api";
    static final String PAYMENTS = "payment-worker";
    static final String MAILS = "notification-worker";
    static final String ANALYTICS = "analytics-projector";

    private final PostgresServer postgres;
    private final Stack stack;
    private final String suffix = "-faults-" + UUID.randomUUID().toString().substring(0, 8);
    /** booking-api and payment-worker keep their ports across restarts, as a Kubernetes Service would. */
    private final int apiPort = freePort();
    private final int analyticsPort = freePort();

    private FaultStack() {
        postgres = Infrastructure.startRestartablePostgres();
        stack = new Stack(suffix, postgres);
    }

    static FaultStack start() {
        FaultStack s = new FaultStack();
        try {
            // one after the other: on a busy 2-core machine four JVMs starting at once each take four
            // times as long, and none gets ready in time
            s.startApi();
            s.startPayments(Map.of());
            s.stack.start(MAILS, MAILS, s.mailEnv());
            s.stack.start(ANALYTICS, ANALYTICS, s.analyticsEnv(), s.analyticsPort);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + apiPort);
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

    void startApi() {
        stack.start(API, API, Map.of(
                "BOOKING_HOLD_DURATION", "PT" + FaultSettings.HOLD.toSeconds() + "S",
                // a charge started just before the hold's end is back within a few seconds here
                "BOOKING_HOLD_GRACE", "PT10S",
                "BOOKING_EXPIRY_SWEEP", "2s"), apiPort);
    }

    /** SIGKILL: no shutdown hook runs, in-flight requests and transactions are cut off. */
    void kill(String service) throws InterruptedException {
        ServiceProcess p = stack.service(service);
        p.kill();
        stack.forget(service);
    }

    /** The sum of a Prometheus counter over all its labels matching {@code labelFilter}, from a service's /q/metrics (management port). */
    double counter(String service, String name, String labelFilter) {
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            String body = http.send(java.net.http.HttpRequest.newBuilder(stack.service(service).management().resolve("/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return body.lines().filter(l -> l.startsWith(name + "{") && l.contains(labelFilter))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
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

    /** Starts a payment worker; {@code gatewayEnv} configures its simulated gateway (docs/payment-worker.md). */
    void startPayments(Map<String, String> gatewayEnv) {
        Map<String, String> env = new HashMap<>(gatewayEnv);
        env.put("PAYMENT_RETRY_TOPICS", retryTopics("booking.events", "retry"));
        // owed refunds are retried until paid; short waits (like the short retry topics) so a drill settles in time
        env.put("PAYMENT_REFUND_RETRY_INITIAL_DELAY", "PT1S");
        env.put("PAYMENT_REFUND_RETRY_MAX_DELAY", "PT5S");
        stack.start(PAYMENTS, PAYMENTS, env);
    }

    /** Replaces the payment worker by one with other settings (SIGTERM, then a new process). */
    void restartPayments(Map<String, String> gatewayEnv) {
        stack.stop(PAYMENTS);
        startPayments(gatewayEnv);
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

    private static List<String> split(String commaSeparated) {
        return List.of(commaSeparated.split(","));
    }

    private Map<String, String> mailEnv() {
        return Map.of("MAIL_MOCK", "true", "NOTIFICATION_RETRY_TOPICS", retryTopics("booking.events", "notify_retry"));
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

    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            postgres.close();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
