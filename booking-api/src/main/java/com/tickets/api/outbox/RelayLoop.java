package com.tickets.api.outbox;

import com.tickets.observability.Traceparents;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One relay: publishes unpublished outbox rows in {@code seq} order, then marks them.
 *
 * <p>Hand-written rather than a library loop because it needs a dedicated PostgreSQL session for
 * two things a pool cannot give: {@code LISTEN outbox} (woken when rows commit, so latency is not
 * a poll interval; the poll stays as a safety net) and a session advisory lock that makes it the
 * only active relay among all API replicas. A standby replica takes over when the leader's
 * session ends (crash, network), and re-publishes whatever was published but not yet marked:
 * at least once, in commit order per aggregate (writers of one aggregate hold its row lock, so
 * {@code seq} order is commit order per aggregate).
 *
 * <p>Each batch it publishes is a span ({@code outbox publish}, the root of a trace of its own, linked to the
 * traces of its rows), so the relay's publish time and its failures show in the tracing backend. It is never
 * current while records are sent: every record carries its own row's {@code traceparent}, the trace of the work
 * that wrote it, and its consumers continue that one. A poll that finds no row makes no span.
 */
public final class RelayLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(RelayLoop.class);
    /** Advisory lock key: any fixed number shared by all replicas of this service. */
    static final long LEADER_LOCK = 0x0B0C_0B0C_0001L;

    public record Settings(String jdbcUrl, String user, String password, int batchSize, Duration pollInterval,
                           Duration maxBackoff) {
    }

    private final String name;
    private final Settings settings;
    private final OutboxPublisher publisher;
    private final LongConsumer published;
    private final Tracer tracer;
    private volatile boolean running = true;
    private volatile boolean leader;
    private volatile Connection connection;

    public RelayLoop(String name, Settings settings, OutboxPublisher publisher, LongConsumer published, Tracer tracer) {
        this.name = name;
        this.settings = settings;
        this.publisher = publisher;
        this.published = published;
        this.tracer = tracer;
    }

    public boolean isLeader() {
        return leader;
    }

    public void stop() {
        running = false;
        closeQuietly();
    }

    /** Simulates a crash for tests and fault drills: the session ends, the lock is released. */
    public void dropSession() {
        closeQuietly();
    }

    @Override
    public void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password())) {
                connection = c;
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN outbox");
                }
                backoff = Duration.ofMillis(200);
                relayWhileConnected(c);
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("outbox relay %s lost its database session (%s); retrying in %d ms", name, e.getMessage(),
                            backoff.toMillis());
                }
            } finally {
                leader = false;
                connection = null;
            }
            backoff = sleepAndGrow(backoff);
        }
    }

    private void relayWhileConnected(Connection c) throws SQLException {
        Duration publishBackoff = Duration.ofMillis(200);
        while (running) {
            if (!leader) {
                leader = tryLead(c);
                if (!leader) {
                    awaitNotification(c, settings.pollInterval().multipliedBy(2));
                    continue;
                }
                LOG.infof("outbox relay %s is the leader", name);
            }
            int sent;
            try {
                sent = relayBatch(c);
                publishBackoff = Duration.ofMillis(200);
            } catch (SQLException e) {
                throw e;
            } catch (Exception e) {
                // Kafka unreachable or slow: rows stay in the outbox; try again with backoff.
                LOG.warnf("outbox relay %s could not publish (%s); retrying in %d ms", name, e.toString(),
                        publishBackoff.toMillis());
                publishBackoff = sleepAndGrow(publishBackoff);
                continue;
            }
            if (sent < settings.batchSize()) {
                awaitNotification(c, settings.pollInterval());
            }
        }
    }

    private static boolean tryLead(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            s.setLong(1, LEADER_LOCK);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Publishes one batch and marks it; returns the number of rows. */
    int relayBatch(Connection c) throws Exception {
        List<OutboxPublisher.Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                select id::text, aggregatetype, aggregateid, type, payload::text, idempotency_key, traceparent
                from outbox where published_at is null order by seq limit ?""")) {
            s.setInt(1, settings.batchSize());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxPublisher.Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        Span span = publishSpan(rows);
        try {
            publisher.publish(rows);
            try (PreparedStatement s = c.prepareStatement("update outbox set published_at = now() where id = any(?)")) {
                Array ids = c.createArrayOf("uuid", rows.stream().map(OutboxPublisher.Row::id).toArray());
                s.setArray(1, ids);
                s.executeUpdate();
            }
        } catch (Exception e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
        published.accept(rows.size());
        return rows.size();
    }

    /** A batch's span: linked to each row's trace (the SDK keeps the first 128 links), started, not made current. */
    private Span publishSpan(List<OutboxPublisher.Row> rows) {
        SpanBuilder builder = tracer.spanBuilder("outbox publish").setNoParent().setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.batch.message_count", (long) rows.size())
                .setAttribute("tickets.outbox.relay", name);
        for (OutboxPublisher.Row row : rows) {
            SpanContext writer = Traceparents.parse(row.traceparent());
            if (writer.isValid()) {
                builder.addLink(writer);
            }
        }
        return builder.startSpan();
    }

    private void awaitNotification(Connection c, Duration timeout) throws SQLException {
        // returns on the first NOTIFY (rows committed) or after the timeout (safety-net poll)
        c.unwrap(PGConnection.class).getNotifications((int) timeout.toMillis());
    }

    private Duration sleepAndGrow(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : next;
    }

    private void closeQuietly() {
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing is all we wanted
            }
        }
    }
}
