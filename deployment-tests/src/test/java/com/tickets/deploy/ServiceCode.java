package com.tickets.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a service's code says about itself: the env vars it reads, its ports, its image's port. */
record ServiceCode(String module, Map<String, Boolean> envVars, int port, int exposedPort, int managementPort) {

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
        Matcher management = Pattern.compile("(?m)^quarkus.management.port=\\$\\{MANAGEMENT_PORT:(\\d+)}").matcher(properties);
        if (!management.find() || !properties.contains("\nquarkus.management.enabled=true")) {
            throw new IllegalStateException(module + " has no management interface on a MANAGEMENT_PORT");
        }
        String dockerfile = read(ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm"));
        Matcher expose = Pattern.compile("EXPOSE (\\d+)").matcher(dockerfile);
        if (!expose.find()) {
            throw new IllegalStateException(module + " Dockerfile exposes no port");
        }
        return new ServiceCode(module, env, Integer.parseInt(port.group(1)), Integer.parseInt(expose.group(1)),
                Integer.parseInt(management.group(1)));
    }

    /**
     * The secrets (and the public address) each service must be given in production: the services
     * check them at start in the prod profile and refuse to start without them (docs/security.md).
     */
    static final Map<String, Set<String>> SECRETS = Map.of(
            "booking-api", Set.of("BOOKING_DB_PASSWORD", "BOOKING_ACCESS_SECRET", "TICKET_CODE_SECRET", "REDIS_PASSWORD",
                    "ORGANIZER_JWT_PUBLIC_KEY_LOCATION", "ORGANIZER_JWT_ISSUER", "PUBLIC_BASE_URL"),
            "payment-worker", Set.of("PAYMENT_DB_PASSWORD"),
            "notification-worker", Set.of("NOTIFICATION_DB_PASSWORD", "BOOKING_ACCESS_SECRET", "TICKET_CODE_SECRET", "PUBLIC_BASE_URL"),
            "analytics-projector", Set.of("ANALYTICS_DB_PASSWORD", "ORGANIZER_JWT_PUBLIC_KEY_LOCATION", "ORGANIZER_JWT_ISSUER"));

    Set<String> secrets() {
        return SECRETS.get(module);
    }

    /** Env vars the service reads at all (its application.properties, and the secrets it checks at start). */
    Set<String> reads() {
        Set<String> reads = new TreeSet<>(envVars.keySet());
        reads.addAll(secrets());
        return reads;
    }

    /** Env vars a deployment must provide: the service's addresses and credentials. */
    Set<String> required() {
        Set<String> required = new TreeSet<>();
        // the outbox relay's own URL defaults to the pool's: only a pooled deployment sets it
        envVars.keySet().stream().filter(v -> (v.endsWith("_DB_URL") && !v.endsWith("_RELAY_DB_URL")) || v.endsWith("_DB_USER") || v.endsWith("_DB_PASSWORD")
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
        // the retry topics: every create "<prefix>_$d" of the loop over the delays
        Matcher delays = Pattern.compile("for d in ([^;]+);(.*?)\\ndone", Pattern.DOTALL).matcher(script);
        if (delays.find()) {
            Matcher prefixes = Pattern.compile("create \"([^\"$]+)_\\$d\"").matcher(delays.group(2));
            List<String> retried = new ArrayList<>();
            while (prefixes.find()) {
                retried.add(prefixes.group(1));
            }
            for (String d : delays.group(1).trim().split("\\s+")) {
                retried.forEach(prefix -> topics.add(prefix + "_" + d));
            }
        }
        return topics;
    }

    /** Topics the services' configuration names (defaults of topic and DLQ properties, retry lists). */
    static Set<String> topicsInCode() {
        Set<String> topics = new TreeSet<>(Set.of("booking.events", "payment.events", "inventory.events", "catalog.events",
                "access.events", "waitlist.events"));
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

    /** The topics a service reads and writes and the consumer groups it uses, as its configuration names them. */
    record KafkaUse(Set<String> reads, Set<String> writes, Set<String> groups, Set<String> groupPrefixes) {
    }

    /**
     * Topics of the contract a service uses that its configuration may not name yet (the sign-in links'
     * access.events: booking-api's outbox writes it, notification-worker reads it).
     */
    static final Map<String, KafkaUse> CONTRACT_TOPICS = Map.of(
            "booking-api", new KafkaUse(Set.of(), Set.of("access.events", "waitlist.events"), Set.of(), Set.of()),
            "notification-worker", new KafkaUse(Set.of("access.events", "waitlist.events"), Set.of(), Set.of(), Set.of()),
            "analytics-projector", new KafkaUse(Set.of("waitlist.events"), Set.of(), Set.of(), Set.of()));

    /** The topic names of the event contract (event-contracts Topics.java): every one needs a KafkaTopic. */
    static Set<String> contractTopics() {
        String topics = read(ROOT.resolve("event-contracts/src/main/java/com/tickets/events/Topics.java"));
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("static final String [A-Z_]+ = \"([^\"]+)\";").matcher(topics);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** A property's value with every ${ENV:default} and ${property} resolved as the service would without env vars. */
    String property(String name) {
        Map<String, String> props = new LinkedHashMap<>();
        read(ROOT.resolve(module).resolve("src/main/resources/application.properties")).lines()
                .filter(l -> !l.startsWith("%") && !l.startsWith("#") && l.contains("="))
                .forEach(l -> props.put(l.substring(0, l.indexOf('=')).trim(), l.substring(l.indexOf('=') + 1).trim()));
        return props.containsKey(name) ? resolve(props.get(name), props) : null;
    }

    /** The env var a property is read from (${VAR:default} as its whole value), or null. */
    String envVarOf(String property) {
        String raw = read(ROOT.resolve(module).resolve("src/main/resources/application.properties")).lines()
                .filter(l -> l.startsWith(property + "=")).findFirst().map(l -> l.substring(l.indexOf('=') + 1).trim()).orElse(null);
        if (raw == null) {
            return null;
        }
        Matcher m = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)(:.*)?}$").matcher(raw);
        return m.find() ? m.group(1) : null;
    }

    /** Every Java source of the module's main code, concatenated (for what configuration cannot tell). */
    String mainSources() {
        try (var files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(read(f)).append('\n');
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    KafkaUse kafka() {
        Map<String, String> props = new LinkedHashMap<>();
        read(ROOT.resolve(module).resolve("src/main/resources/application.properties")).lines()
                .filter(l -> !l.startsWith("%") && !l.startsWith("#") && l.contains("="))
                .forEach(l -> props.put(l.substring(0, l.indexOf('=')).trim(), l.substring(l.indexOf('=') + 1).trim()));
        Set<String> reads = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        props.forEach((key, raw) -> {
            String value = resolve(raw, props);
            if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                reads.add(value);
            } else if (key.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.topic") || key.startsWith("outbox.topic.")) {
                writes.add(value);
            } else if (key.endsWith(".delayed-retry-topic.topics")) {
                reads.addAll(List.of(value.split(",")));
                writes.addAll(List.of(value.split(",")));
            } else if (key.endsWith(".dead-letter-queue.topic")) {
                writes.add(value);
            } else if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.group\\.id")) {
                if (value.endsWith("*")) {
                    prefixes.add(value.substring(0, value.length() - 1));
                } else {
                    groups.add(value);
                }
            }
        });
        // SmallRye reads a channel's delayed-retry topics with a consumer group of their own
        props.forEach((key, value) -> {
            if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.failure-strategy") && value.equals("delayed-retry-topic")) {
                String channel = key.substring(0, key.length() - "failure-strategy".length());
                groups.add("kafka-delayed-retry-topic-" + resolve(props.get(channel + "group.id"), props));
            }
        });
        KafkaUse contract = CONTRACT_TOPICS.get(module);
        if (contract != null) {
            reads.addAll(contract.reads());
            writes.addAll(contract.writes());
        }
        return new KafkaUse(reads, writes, groups, prefixes);
    }

    /** ${ENV:default} -> default, ${other.property} -> its value, ${quarkus.uuid} -> * (different at every start). */
    private static String resolve(String value, Map<String, String> props) {
        Pattern ref = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
        for (int i = 0; i < 10; i++) {
            Matcher m = ref.matcher(value);
            if (!m.find()) {
                return value;
            }
            String name = m.group(1);
            String replacement = name.equals("quarkus.uuid") ? "*"
                    : name.matches("[A-Z][A-Z0-9_]*") ? (m.group(2) == null ? "" : m.group(2))
                    : props.getOrDefault(name, "");
            value = value.substring(0, m.start()) + replacement + value.substring(m.end());
        }
        throw new IllegalStateException("unresolvable " + value);
    }
}
