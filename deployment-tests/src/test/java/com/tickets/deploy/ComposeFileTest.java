package com.tickets.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so docker-compose.yml is checked against the code instead: every
 * service it builds exists, listens where the compose file says, is given every address and
 * credential it needs and no variable it does not read, and is health-checked on its readiness probe
 * (on the management port). Every secret is required ({@code ${VAR:?message}}): none has a default
 * that would ship a known password.
 * (With Docker: `./mvnw package -DskipTests && docker compose up --build`, see docs/operations.md.)
 */
class ComposeFileTest {

    final JsonNode compose = read();

    static JsonNode read() {
        try {
            return new YAMLMapper().readTree(ServiceCode.ROOT.resolve("docker-compose.yml").toFile());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyServiceIsBuiltFromItsDockerfileAndWiredAsItsCodeExpects() {
        for (String module : ServiceCode.MODULES) {
            JsonNode service = compose.get("services").get(module);
            assertThat(service).as(module).isNotNull();
            ServiceCode code = ServiceCode.of(module);

            assertThat(service.get("build").get("context").asText()).isEqualTo(module);
            assertThat(Files.exists(ServiceCode.ROOT.resolve(module).resolve(service.get("build").get("dockerfile").asText())))
                    .as(module + " Dockerfile").isTrue();
            assertThat(code.exposedPort()).as(module + " EXPOSE").isEqualTo(code.port());
            List<String> ports = new ArrayList<>();
            service.get("ports").forEach(p -> ports.add(p.asText()));
            assertThat(ports).as(module + " ports").hasSize(2)
                    .anyMatch(p -> p.endsWith(code.port() + ":" + code.port()))
                    .contains("127.0.0.1:" + code.managementPort() + ":" + code.managementPort());

            Set<String> given = new HashSet<>();
            service.get("environment").fieldNames().forEachRemaining(given::add);
            assertThat(code.reads()).as(module + " reads every variable compose sets").containsAll(given);
            assertThat(given).as(module + " gets every address and credential").containsAll(code.required())
                    .containsAll(code.secrets());
            for (String secret : code.secrets()) {
                assertThat(service.get("environment").get(secret).asText()).as(module + " " + secret + " is required")
                        .startsWith("${" + secret + ":?");
            }

            String health = service.get("healthcheck").get("test").toString();
            assertThat(health).contains("http://localhost:" + code.managementPort() + "/q/health/ready");
            service.get("depends_on").fields().forEachRemaining(dep -> {
                assertThat(compose.get("services").has(dep.getKey())).as(module + " depends on " + dep.getKey()).isTrue();
                assertThat(dep.getValue().get("condition").asText()).isIn("service_healthy", "service_completed_successfully");
            });
        }
    }

    /**
     * Traces are optional: Jaeger runs only with the profile {@code tracing} and nothing depends on it, so a plain
     * {@code docker compose up} starts what it always did; every service is handed OTEL_EXPORTER_OTLP_ENDPOINT from
     * the shell or .env as it is (a key without a value: unset when nobody sets it, so the services export nothing,
     * rather than an empty endpoint), and the endpoint the file's header tells you to set is Jaeger's OTLP/gRPC port.
     */
    @Test
    void tracesGoToJaegerOnlyWithTheTracingProfileAndAnEndpoint() {
        JsonNode jaeger = compose.get("services").get("jaeger");
        assertThat(jaeger).as("a jaeger service").isNotNull();
        assertThat(jaeger.get("profiles").toString()).isEqualTo("[\"tracing\"]");
        assertThat(jaeger.get("image").asText()).startsWith("jaegertracing/jaeger:2.");
        assertThat(jaeger.get("command").toString()).contains("receivers.otlp.protocols.grpc.endpoint=0.0.0.0:4317");
        List<String> ports = new ArrayList<>();
        jaeger.get("ports").forEach(p -> ports.add(p.asText()));
        assertThat(ports).contains("127.0.0.1:4317:4317", "127.0.0.1:16686:16686").allMatch(p -> p.startsWith("127.0.0.1:"));
        compose.get("services").fields().forEachRemaining(service -> {
            if (!service.getValue().has("profiles")) {
                assertThat(service.getValue().path("depends_on").has("jaeger")).as(service.getKey() + " depends on jaeger").isFalse();
            }
        });
        for (String module : ServiceCode.MODULES) {
            JsonNode env = compose.get("services").get(module).get("environment");
            assertThat(env.has("OTEL_EXPORTER_OTLP_ENDPOINT")).as(module + " is handed OTEL_EXPORTER_OTLP_ENDPOINT").isTrue();
            assertThat(env.get("OTEL_EXPORTER_OTLP_ENDPOINT").isNull()).as(module + " OTEL_EXPORTER_OTLP_ENDPOINT passed through, no value")
                    .isTrue();
        }
        assertThat(ServiceCode.read(ServiceCode.ROOT.resolve("docker-compose.yml")))
                .contains("OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4317 docker compose --profile tracing up");
    }

    @Test
    void noSecretHasADefault() {
        Pattern secretName = Pattern.compile("[A-Z0-9_]*(PASSWORD|SECRET|_KEY|_KEY_LOCATION|TOKEN|JAAS_CONFIG)");
        List<String> checked = new ArrayList<>();
        compose.get("services").fields().forEachRemaining(service -> {
            JsonNode env = service.getValue().get("environment");
            if (env == null) {
                return;
            }
            env.fields().forEachRemaining(e -> {
                if (secretName.matcher(e.getKey()).matches()) {
                    checked.add(service.getKey() + "." + e.getKey());
                    assertThat(e.getValue().asText()).as(service.getKey() + " " + e.getKey())
                            .startsWith("${" + e.getKey() + ":?").doesNotContain(":-");
                }
            });
        });
        assertThat(checked).contains("postgres.POSTGRES_PASSWORD", "redis.REDIS_PASSWORD", "booking-api.BOOKING_ACCESS_SECRET",
                "notification-worker.TICKET_CODE_SECRET");
        // nothing in the file falls back to a literal for a secret, wherever it is written
        Matcher fallback = Pattern.compile("\\$\\{([A-Z0-9_]+):?-").matcher(ServiceCode.read(ServiceCode.ROOT.resolve("docker-compose.yml")));
        while (fallback.find()) {
            assertThat(secretName.matcher(fallback.group(1)).matches()).as(fallback.group(1) + " has a default").isFalse();
        }
    }

    @Test
    void redisNeedsItsPasswordAndTheMailboxPageIsNeverTurnedOn() {
        JsonNode redis = compose.get("services").get("redis");
        assertThat(redis.get("command").toString()).contains("--requirepass", "${REDIS_PASSWORD:?");
        assertThat(redis.get("healthcheck").get("test").toString()).contains("REDISCLI_AUTH");
        for (String module : ServiceCode.MODULES) {
            JsonNode env = compose.get("services").get(module).get("environment");
            assertThat(env.has("MAILBOX_PAGE")).as(module + " MAILBOX_PAGE").isFalse();
            assertThat(env.has("QUARKUS_PROFILE")).as(module + " runs with its default profile, prod").isFalse();
        }
    }

    /**
     * PostgreSQL, Redis and Kafka are published for this machine only, on the local stack's ports, which
     * are also the defaults of every service's %dev profile: tests (INFRA_*) and services in dev mode
     * reach compose's servers exactly as they reach the local stack's. Kafka advertises that port as
     * localhost on a listener of its own (the services on the compose network keep kafka:9092).
     */
    @Test
    void infrastructureIsPublishedOnLoopbackOnTheLocalStacksPorts() {
        String localStack = ServiceCode.read(ServiceCode.ROOT.resolve("local-stack/src/main/java/com/tickets/local/LocalStack.java"));
        java.util.Map<String, String[]> infra = java.util.Map.of(
                "postgres", new String[] {"POSTGRES_PORT", "5432"},
                "redis", new String[] {"REDIS_PORT", "6379"},
                "kafka", new String[] {"KAFKA_PORT", "19092"});
        infra.forEach((name, expected) -> {
            Matcher constant = Pattern.compile(expected[0] + " = (\\d+);").matcher(localStack);
            assertThat(constant.find()).as(expected[0] + " in LocalStack").isTrue();
            List<String> ports = new ArrayList<>();
            compose.get("services").get(name).get("ports").forEach(p -> ports.add(p.asText()));
            assertThat(ports).as(name + " ports").containsExactly("127.0.0.1:" + constant.group(1) + ":" + expected[1]);
        });
        JsonNode kafka = compose.get("services").get("kafka").get("environment");
        assertThat(kafka.get("KAFKA_LISTENERS").asText()).contains("PLAINTEXT://:9092", "HOST://:19092");
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS").asText()).contains("PLAINTEXT://kafka:9092", "HOST://localhost:19092");
        assertThat(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText()).contains("HOST:PLAINTEXT");
        assertThat(kafka.get("KAFKA_INTER_BROKER_LISTENER_NAME").asText()).isEqualTo("PLAINTEXT");
        for (String module : ServiceCode.MODULES) {
            String properties = ServiceCode.read(ServiceCode.ROOT.resolve(module).resolve("src/main/resources/application.properties"));
            String database = module.replace("-", "_");
            assertThat(properties).as(module + " %dev profile").contains("%dev.quarkus.datasource.jdbc.url=",
                    "jdbc:postgresql://127.0.0.1:15432/" + database + "}", "%dev.kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:19092}");
            // a port of its own in dev mode: never one of the local stack's services (8080-8083, 9080-9083)
            Matcher devPort = Pattern.compile("%dev.quarkus.http.port=\\$\\{PORT:(\\d+)}").matcher(properties);
            Matcher devManagement = Pattern.compile("%dev.quarkus.management.port=\\$\\{MANAGEMENT_PORT:(\\d+)}").matcher(properties);
            assertThat(devPort.find() && devManagement.find()).as(module + " dev ports").isTrue();
            assertThat(Integer.parseInt(devPort.group(1))).as(module + " dev port").isNotIn(8080, 8081, 8082, 8083);
            assertThat(Integer.parseInt(devManagement.group(1))).as(module + " dev management port").isNotIn(9080, 9081, 9082, 9083);
        }
        assertThat(ServiceCode.read(ServiceCode.ROOT.resolve("booking-api/src/main/resources/application.properties")))
                .contains("%dev.quarkus.redis.hosts=${REDIS_URL:redis://127.0.0.1:16379}");
    }

    @Test
    void infrastructureIsHealthCheckedAndEveryTopicIsCreatedAtStart() {
        for (String infra : new String[] {"postgres", "redis", "kafka"}) {
            assertThat(compose.get("services").get(infra).get("healthcheck")).as(infra).isNotNull();
        }
        assertThat(compose.get("services").get("postgres").get("image").asText()).startsWith("postgres:17");
        assertThat(compose.get("services").get("redis").get("image").asText()).startsWith("redis:7");
        assertThat(compose.get("services").get("kafka").get("image").asText()).startsWith("apache/kafka:");
        assertThat(ServiceCode.topicsInScript()).containsAll(ServiceCode.topicsInCode());
        String databases = ServiceCode.read(ServiceCode.ROOT.resolve("deploy/postgres/init-databases.sh"));
        JsonNode postgresEnv = compose.get("services").get("postgres").get("environment");
        assertThat(compose.get("services").get("postgres").get("volumes").toString()).contains("init-databases.sh");
        for (String module : ServiceCode.MODULES) {
            String url = compose.get("services").get(module).get("environment").toString();
            String db = url.replaceAll(".*jdbc:postgresql://postgres:5432/([a-z_]+).*", "$1");
            String password = db.toUpperCase() + "_DB_PASSWORD";
            assertThat(databases).as(module + " database").contains("create_database " + db + " \"$" + password + "\"");
            // the role's password is the one the service is given
            assertThat(postgresEnv.get(password).asText()).isEqualTo(
                    compose.get("services").get(module).get("environment").get(password).asText());
        }
    }
}
