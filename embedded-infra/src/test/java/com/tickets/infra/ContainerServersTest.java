package com.tickets.infra;

import org.junit.jupiter.api.BeforeEach;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The container path (official postgres, redis and apache/kafka images through Testcontainers), held
 * to the same contract. Skipped, with the reason, where no Docker engine answers (CI here).
 */
class ContainerServersTest extends ServersContract {

    /** Per test, so the report counts each one as skipped (an assumption in @BeforeAll reports none). */
    @BeforeEach
    void needsADockerEngine() {
        if (!DockerEngine.answers()) {
            String reason = "the container path needs a Docker engine: " + DockerEngine.description();
            System.err.println("[embedded-infra] SKIPPED " + getClass().getSimpleName() + ": " + reason);
            assumeTrue(false, reason);
        }
    }

    @Override
    PostgresServer restartablePostgres() {
        return ContainerPostgresServer.start(0);
    }

    @Override
    RedisServer redis() {
        return ContainerRedisServer.start(0);
    }

    @Override
    KafkaBroker kafka() {
        return ContainerKafkaBroker.start(0);
    }
}
