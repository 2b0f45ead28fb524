package com.tickets.api.ratelimit;

import com.tickets.infra.InfrastructureTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Rate limits switched on (they are off in the %test profile for the race tests), small enough to hit
 * in a test, and the client address taken from X-Forwarded-For as behind the Ingress, so one test
 * client can be many addresses.
 */
public class RateLimitsOn implements QuarkusTestProfile {

    static final int ADDRESS_BURST = 4;
    static final int BUYER_BURST = 2;
    /** One token every 8 s: slow enough that a bucket stays empty across a few slow requests on a busy machine. */
    static final double REFILL_PER_SECOND = 0.125;
    /** Keys of this test run only, in case the Redis is a shared one (INFRA_REDIS_URL). */
    static final String REDIS_PREFIX = "test-" + InfrastructureTestResource.RUN_ID + ":rl:";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                // the %test-profile name: application.properties' "%test.booking.rate-limit.enabled=false"
                // would otherwise win over a plain key, as profile keys do
                "%test.booking.rate-limit.enabled", "true",
                "booking.rate-limit.redis-prefix", REDIS_PREFIX,
                "booking.rate-limit.ip.capacity", Integer.toString(ADDRESS_BURST),
                "booking.rate-limit.ip.refill-per-second", Double.toString(REFILL_PER_SECOND),
                "booking.rate-limit.email.capacity", Integer.toString(BUYER_BURST),
                "booking.rate-limit.email.refill-per-second", Double.toString(REFILL_PER_SECOND),
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true");
    }
}
