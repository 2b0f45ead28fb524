package com.tickets.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a service's code says about itself: the env vars it reads, its port, its image's port. */
record ServiceCode(String module, Map<String, Boolean> envVars, int port, int exposedPort) {

    static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    static final List<String> MODULES = List.of("booking-api", "payment-worker", "notification-worker", "analytics-projector");
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?)");

    static ServiceCode of(String module) {
        String properties = read(ROOT.resolve(module).resolve("src/main/resources/application.properties"));
        Map<String, Boolean> env = new LinkedHashMap<>(); // name -> has a default
        for (String line : properties.lines().filter(l -> !l.startsWith("%") && !l.startsWith("#")).toList()) {
            Matcher m = ENV.matcher(line);
            while (m.find()) {
                env.merge(m.group(1), m.group(2).equals(":"), Boolean::logicalAnd);
            }
        }
        Matcher port = Pattern.compile("quarkus.http.port=\\$\\{PORT:(\\d+)}").matcher(properties);
        if (!port.find()) {
            throw new IllegalStateException(module + " has no PORT default");
        }
        String dockerfile = read(ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm"));
        Matcher expose = Pattern.compile("EXPOSE (\\d+)").matcher(dockerfile);
        if (!expose.find()) {
            throw new IllegalStateException(module + " Dockerfile exposes no port");
        }
        return new ServiceCode(module, env, Integer.parseInt(port.group(1)), Integer.parseInt(expose.group(1)));
    }

    /** Env vars the service reads at all. */
    Set<String> reads() {
        return envVars.keySet();
    }

    /** Env vars a deployment must provide: the service's addresses and credentials. */
    Set<String> required() {
        Set<String> required = new TreeSet<>();
        envVars.keySet().stream().filter(v -> v.endsWith("_DB_URL") || v.endsWith("_DB_USER") || v.endsWith("_DB_PASSWORD")
                || v.equals("KAFKA_BOOTSTRAP_SERVERS") || v.equals("REDIS_URL")).forEach(required::add);
        return required;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every topic the services and the topic script name: event topics, retry topics, DLQs. */
    static Set<String> topicsInScript() {
        String script = read(ROOT.resolve("deploy/kafka-topics.sh"));
        Set<String> topics = new TreeSet<>();
        Matcher m = Pattern.compile("for t in ([^;]+);").matcher(script.replace("\\\n", " "));
        while (m.find()) {
            for (String t : m.group(1).trim().split("\\s+")) {
                topics.add(t);
            }
        }
        Matcher delays = Pattern.compile("for d in ([^;]+);").matcher(script);
        if (delays.find()) {
            for (String d : delays.group(1).trim().split("\\s+")) {
                topics.add("booking.events_retry_" + d);
                topics.add("booking.events_notify_retry_" + d);
                topics.add("booking.events_analytics_retry_" + d);
                topics.add("payment.events_analytics_retry_" + d);
            }
        }
        return topics;
    }

    /** Topics the services' configuration names (defaults of topic and DLQ properties, retry lists). */
    static Set<String> topicsInCode() {
        Set<String> topics = new TreeSet<>(Set.of("booking.events", "payment.events", "inventory.events"));
        for (String module : MODULES) {
            String properties = read(ROOT.resolve(module).resolve("src/main/resources/application.properties"));
            properties.lines().filter(l -> !l.startsWith("%")).forEach(line -> {
                if (line.contains("dead-letter-queue.topic=")) {
                    topics.add(line.substring(line.indexOf('=') + 1).replaceAll("\\$\\{[A-Z_]+:([^}]+)}", "$1"));
                }
                if (line.contains("delayed-retry-topic.topics=")) {
                    String list = line.substring(line.indexOf('=') + 1).replaceAll("^\\$\\{[A-Z_]+:(.*)}$", "$1");
                    topics.addAll(List.of(list.split(",")));
                }
            });
        }
        return topics;
    }
}
