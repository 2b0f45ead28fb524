package com.tickets.system;

import com.tickets.events.EventEnvelope;
import com.tickets.events.EventJson;
import com.tickets.infra.TestTopics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads a topic from the start, as a downstream consumer would. */
final class Topics {
    private Topics() {
    }

    /** The distinct events (by id) with this key, in topic order, once at least {@code count} arrived. */
    static List<EventEnvelope> eventsFor(String topic, String key, int count, Duration timeout) {
        List<EventEnvelope> found = new ArrayList<>();
        TestTopics.read(topic, r -> key.equals(r.key()), records -> records.stream().map(r -> EventJson.read(r.value()).id())
                .distinct().count() >= count, timeout).forEach(r -> {
                    EventEnvelope e = EventJson.read(r.value());
                    if (found.stream().noneMatch(f -> f.id().equals(e.id()))) {
                        found.add(e);
                    }
                });
        return found;
    }
}
