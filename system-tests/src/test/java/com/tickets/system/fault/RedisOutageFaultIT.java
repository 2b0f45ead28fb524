package com.tickets.system.fault;

import com.tickets.infra.RedisServer;
import com.tickets.infra.Infrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Redis down mid-load and empty when it returns: the database alone keeps idempotency. */
@ExtendWith(FaultStackExtension.class)
class RedisOutageFaultIT {

    @Test
    void bookingsAndIdempotencyHoldWithRedisDownAndFlushed(FaultStack stack) throws Exception {
        assumeTrue(Infrastructure.redisIsOurs(), "needs a Redis of its own: it stops and restarts it (INFRA_REDIS_URL is set)");
        Tier tier = Tier.onSale(stack.api(), "Redis outage", "30.00");
        RedisServer redis = Infrastructure.redis();
        var outage = FaultSettings.current().redisOutage();

        var outcome = FaultScenario.run(stack, "redis-outage", tier, run -> {
            redis.stop();
            try {
                Thread.sleep(outage.toMillis());
            } finally {
                redis.restart(); // no persistence: it comes back empty, every remembered answer gone
            }
            return "Redis stopped for " + outage.toSeconds() + " s, restarted empty (flushed)";
        });

        FaultScenario.assertHeld(outcome);
    }
}
