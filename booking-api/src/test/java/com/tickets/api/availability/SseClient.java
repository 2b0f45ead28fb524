package com.tickets.api.availability;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.events.EventJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A minimal Server-Sent Events client: records every event and comment it receives. */
final class SseClient implements AutoCloseable {

    record Event(String id, String name, JsonNode data) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final AtomicInteger pings = new AtomicInteger();
    volatile int status;
    private final Thread reader;
    private volatile Stream<String> lines;

    SseClient(URI uri, String lastEventId) {
        reader = new Thread(() -> read(uri, lastEventId), "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(URI uri, String lastEventId) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofLines());
            status = response.statusCode();
            lines = response.body();
            String[] current = new String[3];
            lines.forEach(line -> {
                if (line.startsWith(":")) {
                    pings.incrementAndGet();
                } else if (line.startsWith("id: ")) {
                    current[0] = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    current[1] = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    current[2] = line.substring(6);
                } else if (line.isEmpty() && current[1] != null) {
                    events.add(new Event(current[0], current[1], EventJson.MAPPER.valueToTree(readTree(current[2]))));
                    current[0] = current[1] = current[2] = null;
                }
            });
        } catch (Exception e) {
            // closed by the test
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The latest availability this client knows for a tier: from the snapshot or a later event. */
    Integer latest(String tierId) {
        Integer value = null;
        for (Event e : events) {
            if (e.name().equals("snapshot")) {
                for (JsonNode t : e.data().get("tiers")) {
                    if (t.get("ticketTierId").asText().equals(tierId)) {
                        value = t.get("availableQuantity").asInt();
                    }
                }
            } else if (e.data().get("ticketTierId").asText().equals(tierId)) {
                value = e.data().get("availableQuantity").asInt();
            }
        }
        return value;
    }

    long availabilityEvents(String tierId) {
        return events.stream().filter(e -> e.name().equals("availability")
                && e.data().get("ticketTierId").asText().equals(tierId)).count();
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
        reader.interrupt();
    }
}
