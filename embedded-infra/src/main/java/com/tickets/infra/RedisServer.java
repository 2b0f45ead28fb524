package com.tickets.infra;

/** A Redis server of ours: {@link EmbeddedRedisServer} or {@link ContainerRedisServer}. */
public interface RedisServer extends ControllableServer {

    int port();

    default String host() {
        return "127.0.0.1";
    }

    default String url() {
        return "redis://" + host() + ":" + port();
    }
}
