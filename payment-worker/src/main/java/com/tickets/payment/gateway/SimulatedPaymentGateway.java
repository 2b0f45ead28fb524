package com.tickets.payment.gateway;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in payment provider with configurable latency, decline rate and timeout rate, and a
 * ledger table of its own that, like a real provider, refuses to charge one idempotency key twice
 * and answers a repeated key with the first result.
 *
 * <p>Deterministic: whether call n for a key is declined or times out depends only on the seed,
 * the key and n. Half of the simulated timeouts happen after the charge was recorded (the
 * response was lost), so the retry with the same key must find the earlier charge.
 */
@ApplicationScoped
public class SimulatedPaymentGateway implements PaymentGateway {

    /**
     * How the simulated provider behaves; tests and drills may change it at run time.
     * {@code failFirstAttempts}: the first n calls per key find the gateway unreachable (nothing charged).
     */
    public record Behaviour(Duration latency, double declineRate, double timeoutRate, int failFirstAttempts) {
    }

    private final AgroalDataSource db;
    private final long seed;
    private final double spikeRate;
    private final Duration spikeLatency;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private volatile Behaviour behaviour;

    SimulatedPaymentGateway(AgroalDataSource db,
                            @ConfigProperty(name = "payment.gateway.simulated.latency") Duration latency,
                            @ConfigProperty(name = "payment.gateway.simulated.decline-rate") double declineRate,
                            @ConfigProperty(name = "payment.gateway.simulated.timeout-rate") double timeoutRate,
                            @ConfigProperty(name = "payment.gateway.simulated.seed") long seed,
                            @ConfigProperty(name = "payment.gateway.simulated.spike-rate", defaultValue = "0.0") double spikeRate,
                            @ConfigProperty(name = "payment.gateway.simulated.spike-latency", defaultValue = "PT5S")
                            Duration spikeLatency) {
        this.db = db;
        this.seed = seed;
        this.spikeRate = spikeRate;
        this.spikeLatency = spikeLatency;
        this.behaviour = new Behaviour(latency, declineRate, timeoutRate, 0);
    }

    public void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    @Override
    public GatewayResult charge(String key, UUID bookingId, BigDecimal amount, String currency) {
        return call("CHARGE", key, bookingId, amount, currency);
    }

    @Override
    public GatewayResult refund(String key, UUID bookingId, BigDecimal amount, String currency) {
        return call("REFUND", key, bookingId, amount, currency);
    }

    private GatewayResult call(String kind, String key, UUID bookingId, BigDecimal amount, String currency) {
        Behaviour b = behaviour;
        int attempt = attempts.merge(key, 1, Integer::sum);
        // SplittableRandom, not Random: Random's first draw barely changes between neighbouring
        // seeds, so attempt n+1 of a key repeated attempt n's fate and some keys timed out on every
        // attempt (found by the long bad-gateway drill: their refunds never got through)
        SplittableRandom random = new SplittableRandom(seed ^ key.hashCode() * 31L ^ attempt);
        sleep(latencyOf(key, attempt, b));
        Optional<GatewayResult> earlier = find(key);
        if (earlier.isPresent()) {
            return earlier.get();
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
            return record(kind, key, bookingId, amount, currency, new GatewayResult(false, "none", "no charge to refund"));
        }
        boolean declined = kind.equals("CHARGE") && random.nextDouble() < b.declineRate();
        GatewayResult result = record(kind, key, bookingId, amount, currency,
                new GatewayResult(!declined, "sim_" + UUID.randomUUID().toString().substring(0, 18),
                        declined ? "card declined (simulated)" : null));
        if (timesOut) {
            throw new GatewayUnavailableException("simulated timeout after the " + kind.toLowerCase() + " was taken");
        }
        return result;
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
        return spike ? spikeLatency : b.latency();
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

    /** Records the result unless the key was recorded meanwhile; returns what the ledger holds. */
    private GatewayResult record(String kind, String key, UUID bookingId, BigDecimal amount, String currency,
                                 GatewayResult result) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into gateway_ledger (idempotency_key, booking_id, kind, amount, currency, approved, payment_id, reason)
                     values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing""")) {
            s.setString(1, key);
            s.setObject(2, bookingId);
            s.setString(3, kind);
            s.setBigDecimal(4, amount);
            s.setString(5, currency);
            s.setBoolean(6, result.approved());
            s.setString(7, result.paymentId());
            s.setString(8, result.reason());
            if (s.executeUpdate() == 1) {
                return result;
            }
        } catch (SQLException e) {
            throw new GatewayUnavailableException("gateway ledger unavailable: " + e.getMessage());
        }
        return find(key).orElseThrow();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayUnavailableException("interrupted");
        }
    }
}
