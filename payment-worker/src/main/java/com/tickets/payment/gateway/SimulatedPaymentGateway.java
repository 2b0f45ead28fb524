package com.tickets.payment.gateway;

import com.tickets.payment.GroupCommit;
import com.tickets.payment.PaymentConfig;
import io.agroal.api.AgroalDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in payment provider with configurable latency, decline rate and timeout rate, and a
 * ledger table of its own that, like a real provider, refuses to charge one idempotency key twice
 * and answers a repeated key with the first result.
 *
 * <p>Deterministic: whether call n for a key is declined or times out depends only on the seed,
 * the key and n. Half of the simulated timeouts happen after the charge was recorded (the
 * response was lost), so the retry with the same key must find the earlier charge.
 *
 * <p>Asynchronous like a real provider's client: the latency is a Vert.x timer, so a call holds
 * no thread while it waits; only the ledger's short JDBC step runs on a worker thread. It counts
 * the calls it has in flight ({@link #mostCallsInFlight()}), which tests use to see how many
 * calls the worker really makes at once.
 */
@ApplicationScoped
public class SimulatedPaymentGateway implements PaymentGateway {

    /**
     * How the simulated provider behaves; tests and drills may change it at run time.
     * {@code failFirstAttempts}: the first n calls per key find the gateway unreachable (nothing charged).
     */
    public record Behaviour(LatencyRange latency, double declineRate, double timeoutRate, int failFirstAttempts) {
        public Behaviour(Duration latency, double declineRate, double timeoutRate, int failFirstAttempts) {
            this(LatencyRange.fixed(latency), declineRate, timeoutRate, failFirstAttempts);
        }
    }

    private final AgroalDataSource db;
    private final Vertx vertx;
    private final long seed;
    private final double spikeRate;
    private final Duration spikeLatency;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private final AtomicInteger mostCallsInFlight = new AtomicInteger();
    private volatile Behaviour behaviour;
    private final GroupCommit<LedgerEntry, GatewayResult> ledgerWrites = new GroupCommit<>(this::recordAll, 500, 2);

    SimulatedPaymentGateway(AgroalDataSource db, Vertx vertx, PaymentConfig config) {
        PaymentConfig.Gateway.Simulated simulated = config.gateway().simulated();
        this.db = db;
        this.vertx = vertx;
        this.seed = simulated.seed();
        this.spikeRate = simulated.spikeRate();
        this.spikeLatency = simulated.spikeLatency();
        this.behaviour = new Behaviour(LatencyRange.parse(simulated.latency()), simulated.declineRate(),
                simulated.timeoutRate(), 0);
    }

    public void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /** The most calls this provider had in flight at once since the last {@link #resetMostCallsInFlight()}. */
    public int mostCallsInFlight() {
        return mostCallsInFlight.get();
    }

    public void resetMostCallsInFlight() {
        mostCallsInFlight.set(callsInFlight.get());
    }

    @Override
    public Uni<GatewayResult> charge(String key, UUID bookingId, BigDecimal amount, String currency) {
        return call("CHARGE", key, bookingId, amount, currency);
    }

    @Override
    public Uni<GatewayResult> refund(String key, UUID bookingId, BigDecimal amount, String currency) {
        return call("REFUND", key, bookingId, amount, currency);
    }

    private Uni<GatewayResult> call(String kind, String key, UUID bookingId, BigDecimal amount, String currency) {
        return Uni.createFrom().deferred(() -> {
            mostCallsInFlight.accumulateAndGet(callsInFlight.incrementAndGet(), Math::max);
            Behaviour b = behaviour;
            int attempt = attempts.merge(key, 1, Integer::sum);
            return after(latencyOf(key, attempt, b))
                    .emitOn(Infrastructure.getDefaultWorkerPool()) // the ledger is JDBC
                    .map(ignored -> decide(kind, key, bookingId, amount, currency, b, attempt))
                    .chain(this::recordIfNew);
        }).onTermination().invoke(callsInFlight::decrementAndGet);
    }

    /** Completes after {@code latency} without holding a thread (a timer; cancelled with the call). */
    private Uni<Void> after(Duration latency) {
        long millis = latency.toMillis();
        if (millis <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            long timer = vertx.setTimer(millis, id -> emitter.complete(null));
            emitter.onTermination(() -> vertx.cancelTimer(timer));
        });
    }

    /** A ledger row to write: the provider's record of one call's result. */
    record LedgerEntry(String kind, String key, UUID bookingId, BigDecimal amount, String currency, GatewayResult result) {
    }

    /** What a call comes to before the ledger is written: an answer already known, or a result to record. */
    private sealed interface Step {
    }

    private record Known(GatewayResult result) implements Step {
    }

    private record ToRecord(LedgerEntry entry, boolean responseLost) implements Step {
    }

    private Uni<GatewayResult> recordIfNew(Step step) {
        if (step instanceof ToRecord r) {
            return ledgerWrites.submit(r.entry()).map(recorded -> {
                if (r.responseLost()) {
                    throw new GatewayUnavailableException("simulated timeout after the " + r.entry().kind().toLowerCase()
                            + " was taken");
                }
                return recorded;
            });
        }
        if (step instanceof Known k) {
            return Uni.createFrom().item(k.result());
        }
        throw new IllegalStateException("unknown step " + step);
    }

    private Step decide(String kind, String key, UUID bookingId, BigDecimal amount, String currency,
                        Behaviour b, int attempt) {
        // SplittableRandom, not Random: Random's first draw barely changes between neighbouring
        // seeds, so attempt n+1 of a key repeated attempt n's fate and some keys timed out on every
        // attempt (found by the long bad-gateway drill: their refunds never got through)
        SplittableRandom random = new SplittableRandom(seed ^ key.hashCode() * 31L ^ attempt);
        Optional<GatewayResult> earlier = find(key);
        if (earlier.isPresent()) {
            return new Known(earlier.get());
        }
        if (attempt <= b.failFirstAttempts()) {
            throw new GatewayUnavailableException("simulated outage: gateway unreachable");
        }
        boolean timesOut = random.nextDouble() < b.timeoutRate();
        if (timesOut && random.nextBoolean()) {
            throw new GatewayUnavailableException("simulated timeout before the " + kind.toLowerCase() + " was taken");
        }
        if (kind.equals("REFUND") && !hasApprovedCharge(bookingId)) {
            // like a real gateway: a refund of a charge that never went through returns nothing
            // (the worker asks for one when it gave up without knowing whether the charge was taken)
            return new ToRecord(new LedgerEntry(kind, key, bookingId, amount, currency,
                    new GatewayResult(false, "none", "no charge to refund")), false);
        }
        boolean declined = kind.equals("CHARGE") && random.nextDouble() < b.declineRate();
        return new ToRecord(new LedgerEntry(kind, key, bookingId, amount, currency,
                new GatewayResult(!declined, "sim_" + UUID.randomUUID().toString().substring(0, 18),
                        declined ? "card declined (simulated)" : null)), timesOut);
    }

    private boolean hasApprovedCharge(UUID bookingId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select 1 from gateway_ledger where booking_id = ? and kind = 'CHARGE' and approved")) {
            s.setObject(1, bookingId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new GatewayUnavailableException("gateway ledger unavailable: " + e.getMessage());
        }
    }

    /**
     * Now and then a call is much slower than usual (a latency spike). Drawn from a generator of its
     * own, so switching spikes on does not change which calls are declined or time out.
     */
    private Duration latencyOf(String key, int attempt, Behaviour b) {
        boolean spike = spikeRate > 0 && new SplittableRandom(~seed ^ key.hashCode() * 17L ^ attempt).nextDouble() < spikeRate;
        if (spike) {
            return spikeLatency;
        }
        // a generator of its own too: a latency range does not change the calls' fates either
        return b.latency().draw(new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ key.hashCode() * 13L ^ attempt));
    }

    private Optional<GatewayResult> find(String key) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select approved, payment_id, reason from gateway_ledger where idempotency_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new GatewayResult(rs.getBoolean(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new GatewayUnavailableException("gateway ledger unavailable: " + e.getMessage());
        }
    }

    /**
     * Records a batch of results in one statement (one commit for the batch: {@link GroupCommit}), each
     * unless its key was recorded before or earlier in the batch; answers what the ledger holds for each.
     */
    private List<GatewayResult> recordAll(List<LedgerEntry> entries) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("""
                    insert into gateway_ledger (idempotency_key, booking_id, kind, amount, currency, approved, payment_id, reason)
                    select e.key, e.booking::uuid, e.kind, e.amount::numeric, e.currency, e.approved, e.payment_id, e.reason
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[])
                         with ordinality as e(key, booking, kind, amount, currency, approved, payment_id, reason, ord)
                    order by e.ord
                    on conflict (idempotency_key) do nothing""")) {
                s.setArray(1, c.createArrayOf("text", entries.stream().map(LedgerEntry::key).toArray()));
                s.setArray(2, c.createArrayOf("text", entries.stream().map(e -> e.bookingId().toString()).toArray()));
                s.setArray(3, c.createArrayOf("text", entries.stream().map(LedgerEntry::kind).toArray()));
                s.setArray(4, c.createArrayOf("text", entries.stream().map(e -> e.amount().toPlainString()).toArray()));
                s.setArray(5, c.createArrayOf("text", entries.stream().map(LedgerEntry::currency).toArray()));
                s.setArray(6, c.createArrayOf("boolean", entries.stream().map(e -> e.result().approved()).toArray()));
                s.setArray(7, c.createArrayOf("text", entries.stream().map(e -> e.result().paymentId()).toArray()));
                s.setArray(8, c.createArrayOf("text", entries.stream().map(e -> e.result().reason()).toArray()));
                s.executeUpdate();
            }
            Map<String, GatewayResult> held = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "select idempotency_key, approved, payment_id, reason from gateway_ledger where idempotency_key = any(?)")) {
                s.setArray(1, c.createArrayOf("text", entries.stream().map(LedgerEntry::key).distinct().toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        held.put(rs.getString(1), new GatewayResult(rs.getBoolean(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            List<GatewayResult> answers = new ArrayList<>(entries.size());
            for (LedgerEntry e : entries) {
                answers.add(held.get(e.key()));
            }
            return answers;
        } catch (SQLException e) {
            throw new GatewayUnavailableException("gateway ledger unavailable: " + e.getMessage());
        }
    }
}
