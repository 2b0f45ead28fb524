package com.tickets.infra;

/** The embedded path: what CI and a machine without Docker run. */
class EmbeddedServersTest extends ServersContract {

    @Override
    PostgresServer restartablePostgres() {
        return EmbeddedPostgresServer.startRestartable();
    }

    @Override
    RedisServer redis() {
        return EmbeddedRedisServer.start(0);
    }

    @Override
    KafkaBroker kafka() {
        return EmbeddedKafkaBroker.startEphemeral();
    }
}
