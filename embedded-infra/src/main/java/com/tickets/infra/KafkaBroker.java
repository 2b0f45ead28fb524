package com.tickets.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** A Kafka broker of ours: {@link EmbeddedKafkaBroker} or {@link ContainerKafkaBroker}. */
public interface KafkaBroker extends ControllableServer {

    String bootstrapServers();

    default Admin admin() {
        return admin(bootstrapServers());
    }

    static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    default void createTopics(Collection<String> names, int partitions) {
        try (Admin admin = admin()) {
            List<NewTopic> topics = names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to 60 s) until a broker answers at {@code bootstrapServers}. */
    static void awaitReady(String bootstrapServers) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin(bootstrapServers)) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
        throw new IllegalStateException("Kafka at " + bootstrapServers + " did not become ready", last);
    }
}
