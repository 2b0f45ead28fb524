package com.tickets.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Gives a {@code @QuarkusTest} real PostgreSQL, Redis and Kafka (see {@link Infrastructure}),
 * a database of its own and topic names of its own, so reruns and modules never share data.
 *
 * <p>Init args: {@code database} (database name prefix), {@code redis} / {@code kafka}
 * ("false" to skip). Servers stay up for the whole test JVM; the shutdown hook stops them.
 */
public class InfrastructureTestResource implements QuarkusTestResourceLifecycleManager {

    /** Suffix appended to every topic name in this test run; visible to tests that produce/consume. */
    public static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        this.args = initArgs;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        Infrastructure.Database db = Infrastructure.freshDatabase(args.getOrDefault("database", "test"));
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.username", db.username());
        config.put("quarkus.datasource.password", db.password());
        if (!"false".equals(args.get("redis"))) {
            config.put("quarkus.redis.hosts", Infrastructure.redisUrl());
            config.put("booking.idempotency.redis-prefix", "test-" + RUN_ID + ":");
        }
        if (!"false".equals(args.get("kafka"))) {
            config.put("kafka.bootstrap.servers", Infrastructure.kafkaBootstrapServers());
            config.put("topic.suffix", "-" + RUN_ID);
        }
        return config;
    }

    @Override
    public void stop() {
        // servers are shared by every test class of this JVM and stopped by the JVM shutdown hook
    }
}
