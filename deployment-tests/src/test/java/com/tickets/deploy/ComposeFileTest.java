package com.tickets.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so docker-compose.yml is checked against the code instead: every
 * service it builds exists, listens where the compose file says, is given every address and
 * credential it needs and no variable it does not read, and is health-checked on its readiness probe.
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
            assertThat(service.get("ports").get(0).asText()).isEqualTo(code.port() + ":" + code.port());

            Set<String> given = new HashSet<>();
            service.get("environment").fieldNames().forEachRemaining(given::add);
            assertThat(code.reads()).as(module + " reads every variable compose sets").containsAll(given);
            assertThat(given).as(module + " gets every address and credential").containsAll(code.required());

            String health = service.get("healthcheck").get("test").toString();
            assertThat(health).contains("http://localhost:" + code.port() + "/q/health/ready");
            service.get("depends_on").fields().forEachRemaining(dep -> {
                assertThat(compose.get("services").has(dep.getKey())).as(module + " depends on " + dep.getKey()).isTrue();
                assertThat(dep.getValue().get("condition").asText()).isIn("service_healthy", "service_completed_successfully");
            });
        }
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
        String databases = ServiceCode.read(ServiceCode.ROOT.resolve("deploy/postgres/init-databases.sql"));
        for (String module : ServiceCode.MODULES) {
            String url = compose.get("services").get(module).get("environment").toString();
            String db = url.replaceAll(".*jdbc:postgresql://postgres:5432/([a-z_]+).*", "$1");
            assertThat(databases).as(module + " database").contains("create database " + db);
        }
    }
}
