package com.tickets.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.tickets.events.EventJson;
import com.tickets.infra.FreePorts;
import com.tickets.local.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator who forgets a secret, or deploys the built-in one, gets a service that will not
 * start: each built jar, in its default profile ({@code prod}) with a bare environment, exits
 * non-zero within seconds and says which variables to set. With every secret set the check passes
 * (the service then stops for want of a database at 127.0.0.1:1, which is the point: it got that far).
 */
class ProductionRefusesBuiltInSecretsIT {

    static final Path LOGS = Stack.LOGS.resolve("prod-secrets");
    static final Duration EXIT_WITHIN = Duration.ofSeconds(120); // a 2-core machine shared with other builds

    /** module, the variables it must refuse to start without */
    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("booking-api", List.of("BOOKING_ACCESS_SECRET", "TICKET_CODE_SECRET", "BOOKING_DB_PASSWORD",
                        "REDIS_PASSWORD", "PUBLIC_BASE_URL", "ORGANIZER_JWT_PUBLIC_KEY_LOCATION", "ORGANIZER_JWT_ISSUER")),
                Arguments.of("payment-worker", List.of("PAYMENT_DB_PASSWORD")),
                Arguments.of("notification-worker", List.of("BOOKING_ACCESS_SECRET", "TICKET_CODE_SECRET",
                        "NOTIFICATION_DB_PASSWORD", "PUBLIC_BASE_URL")),
                Arguments.of("analytics-projector", List.of("ANALYTICS_DB_PASSWORD", "ORGANIZER_JWT_PUBLIC_KEY_LOCATION",
                        "ORGANIZER_JWT_ISSUER")));
    }

    record Run(int exitCode, String output) {
    }

    static Run run(String module, String name, Map<String, String> env) throws IOException, InterruptedException {
        Path jar = ServiceProcess.jarOf(Stack.ROOT, module);
        assertThat(jar).as("built jar (./mvnw package first)").exists();
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(module + "-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        // a bare environment: nothing inherited from the build (no QUARKUS_PROFILE: the jar's default is prod)
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("PORT", Integer.toString(FreePorts.find()));
        builder.environment().put("MANAGEMENT_PORT", Integer.toString(FreePorts.find()));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            boolean exited = process.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS);
            assertThat(exited).as(module + " still running after " + EXIT_WITHIN + "; see " + log).isTrue();
            return new Run(process.exitValue(), Files.readString(log));
        } finally {
            process.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void withoutSecretsTheServiceExitsNamingEachVariable(String module, List<String> variables) throws Exception {
        Run run = run(module, "no-secrets", Map.of());
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("Refusing to start in the prod profile");
        for (String variable : variables) {
            assertThat(run.output()).as(module + " names " + variable).contains(variable + " is not set");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void withEverySecretSetTheCheckPasses(String module, List<String> variables) throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String variable : variables) {
            env.put(variable, switch (variable) {
                case "PUBLIC_BASE_URL" -> "https://tickets.example.com";
                case "ORGANIZER_JWT_ISSUER" -> "https://id.tickets.example.com";
                case "ORGANIZER_JWT_PUBLIC_KEY_LOCATION" -> "https://id.tickets.example.com/.well-known/jwks.json";
                default -> randomSecret();
            });
        }
        String prefix = switch (module) {
            case "booking-api" -> "BOOKING";
            case "payment-worker" -> "PAYMENT";
            case "notification-worker" -> "NOTIFICATION";
            default -> "ANALYTICS";
        };
        env.put(prefix + "_DB_URL", "jdbc:postgresql://127.0.0.1:1/nothing-listens-here");
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
        env.put("REDIS_URL", "redis://127.0.0.1:1");
        Run run = run(module, "all-secrets", env);
        assertThat(run.output()).as(run.output()).contains("Production secrets check passed")
                .doesNotContain("Refusing to start");
        // prod logs one JSON object a line, for the log collector (with traceId and spanId inside a trace)
        String line = run.output().lines().filter(l -> l.contains("Production secrets check passed")).findFirst().orElseThrow();
        JsonNode record = EventJson.MAPPER.readTree(line);
        assertThat(record.path("message").asText()).as(line).contains("Production secrets check passed");
        assertThat(record.has("timestamp") && record.has("level") && record.has("loggerName")).as(line).isTrue();
    }

    @Test
    void builtInShortAndWellKnownValuesAreRefusedToo() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("BOOKING_ACCESS_SECRET", "dev-only-booking-access-secret-not-for-production");
        env.put("TICKET_CODE_SECRET", "too-short-for-an-hmac-key");
        env.put("BOOKING_DB_PASSWORD", "postgres");
        env.put("REDIS_PASSWORD", randomSecret());
        env.put("PUBLIC_BASE_URL", "https://tickets.example.com");
        env.put("ORGANIZER_JWT_PUBLIC_KEY_LOCATION", "https://id.tickets.example.com/.well-known/jwks.json");
        env.put("ORGANIZER_JWT_ISSUER", "https://id.tickets.example.com");
        Run run = run("booking-api", "weak-secrets", env);
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output())
                .contains("BOOKING_ACCESS_SECRET is a built-in development default")
                .contains("TICKET_CODE_SECRET is shorter than 32 characters")
                .contains("BOOKING_DB_PASSWORD is a built-in development default")
                .doesNotContain("REDIS_PASSWORD is").doesNotContain("PUBLIC_BASE_URL is")
                // the values themselves are never printed
                .doesNotContain("too-short-for-an-hmac-key");
    }

    static String randomSecret() {
        byte[] bytes = new byte[30];
        new SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
