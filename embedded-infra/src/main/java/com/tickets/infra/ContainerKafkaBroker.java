package com.tickets.infra;

import org.testcontainers.kafka.KafkaContainer;

/**
 * A single-node KRaft broker in a container of the official apache/kafka image, configured like the
 * embedded broker (3 partitions per topic, topics created on first use, no rebalance delay).
 */
public final class ContainerKafkaBroker implements KafkaBroker {

    private static final int KAFKA_PORT = 9092;

    private final KafkaContainer container;

    private ContainerKafkaBroker(KafkaContainer container) {
        this.container = container;
    }

    /** Starts a container published on {@code hostPort} (0: a free port). */
    public static ContainerKafkaBroker start(int hostPort) {
        KafkaContainer container = new KafkaContainer(Containers.KAFKA_IMAGE)
                .withEnv("KAFKA_NUM_PARTITIONS", "3")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                .withEnv("KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "5")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        Containers.publish(container, hostPort, KAFKA_PORT);
        container.start();
        return new ContainerKafkaBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    private boolean answers() {
        try {
            KafkaBroker.awaitReady(bootstrapServers());
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "container " + Containers.KAFKA_IMAGE + " at " + bootstrapServers();
    }

    @Override
    public synchronized void stop() {
        Containers.stop(container);
    }

    @Override
    public synchronized void restart() {
        Containers.start(container, this::answers, "Kafka container");
    }

    @Override
    public void close() {
        container.stop();
    }
}
