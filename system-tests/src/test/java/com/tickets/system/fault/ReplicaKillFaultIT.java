package com.tickets.system.fault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One booking-api replica of two SIGKILLed — the one publishing the outbox (holding the relay's advisory
 * lock) — while the other keeps serving: the buyers' requests to the dead one are retried on the live one
 * with the same key, the live one takes over the relay and the dead one's partitions of payment.events, and
 * the dead one comes back later.
 */
@ExtendWith(FaultStackExtension.class)
class ReplicaKillFaultIT {

    static final String RELAY_LEADER = """
            select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and a.application_name like 'booking-api-%' limit 1""";

    @Test
    void theOtherReplicaKeepsServingAndTakesOverTheRelay(FaultStack stack) throws Exception {
        Tier tier = Tier.onSale(stack.api(), "Replica killed", "43.00");
        var settings = FaultSettings.current();
        Duration down = settings.isLong() ? Duration.ofSeconds(60) : Duration.ofSeconds(10);

        var outcome = FaultScenario.run(stack, "sigkill-one-replica", tier, run -> {
            String leader = leader(stack);
            assertThat(leader).as("the relay's leader").isNotNull();
            String survivor = leader.equals(FaultStack.API_1) ? FaultStack.API_2 : FaultStack.API_1;
            URI live = stack.api(survivor);
            int servedBefore = served(run.load, live);
            stack.kill(leader);
            long killed = System.nanoTime();
            String newLeader;
            int servedWhileAlone;
            long seconds;
            try {
                Thread.sleep(down.toMillis());
                newLeader = leader(stack);
            } finally {
                servedWhileAlone = served(run.load, live) - servedBefore;
                seconds = (System.nanoTime() - killed) / 1_000_000_000;
                run.putBackMeanwhile(leader + " restarted", () -> stack.startApi(leader));
            }
            return ("%s (the relay's leader) SIGKILLed; for %d s %s served alone (%d new bookings, %.0f/s);"
                    + " relay leader then: %s").formatted(leader, seconds, survivor, servedWhileAlone,
                    servedWhileAlone / (double) Math.max(1, seconds), newLeader);
        });

        FaultScenario.assertHeld(outcome);
    }

    private static String leader(FaultStack stack) throws Exception {
        try (var c = Snapshot.connect(stack.jdbcUrl("booking")); var rs = c.createStatement().executeQuery(RELAY_LEADER)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static int served(BookingLoad load, URI replica) {
        var n = load.createdBy.get(replica);
        return n == null ? 0 : n.get();
    }
}
