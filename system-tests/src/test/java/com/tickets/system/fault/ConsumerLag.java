package com.tickets.system.fault;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How many records the stack's consumer groups have not processed yet, on their main and retry
 * topics: zero means every worker has caught up with everything sent so far. A partition a group
 * never committed on counts from its first record (the groups start at the earliest offset).
 */
final class ConsumerLag {

    private ConsumerLag() {
    }

    /** The summed lag of each group on its topics; -1 if Kafka cannot be asked (e.g. it is down). */
    static long of(String bootstrapServers, Map<String, List<String>> topicsByGroup) {
        Map<String, Long> lags = byGroup(bootstrapServers, topicsByGroup);
        return lags.isEmpty() && !topicsByGroup.isEmpty() ? -1 : lags.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Each group's lag on its topics (a group whose topics do not exist yet: 0); empty if Kafka cannot be asked. */
    static Map<String, Long> byGroup(String bootstrapServers, Map<String, List<String>> topicsByGroup) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            Map<String, Long> lags = new TreeMap<>();
            for (var group : topicsByGroup.entrySet()) {
                List<String> topics = group.getValue().stream().filter(existing::contains).toList();
                long lag = 0;
                if (!topics.isEmpty()) {
                    Set<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values()
                            .stream().flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                            .collect(Collectors.toSet());
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                            .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                    var ends = offsets(admin, partitions, OffsetSpec.latest());
                    var starts = offsets(admin, partitions, OffsetSpec.earliest());
                    for (TopicPartition tp : partitions) {
                        OffsetAndMetadata c = committed.get(tp);
                        lag += Math.max(0, ends.get(tp) - (c == null ? starts.get(tp) : c.offset()));
                    }
                }
                lags.put(group.getKey(), lag);
            }
            return lags;
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        var result = admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec)))
                .all().get(5, TimeUnit.SECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }
}
