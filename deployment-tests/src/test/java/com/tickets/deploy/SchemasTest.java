package com.tickets.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The kept schemas are current, complete in their references, and reject what they should. */
class SchemasTest {

    static final Path KEPT = ServiceCode.ROOT.resolve("deployment-tests/src/test/resources/schemas");

    @Test
    void theKeptKubernetesSchemasAreTheOnesTheFabric8ModelGives() throws Exception {
        String generated = new KubernetesSchemaGenerator().generate();
        Path kept = KEPT.resolve("kubernetes.json");
        if (Boolean.getBoolean("schemas.write")) {
            Files.writeString(kept, generated);
        }
        assertThat(Files.readString(kept)).as("schemas/kubernetes.json is stale: run with -Dschemas.write=true").isEqualTo(generated);
    }

    @Test
    void everyReferenceResolvesAndEveryFileSaysWhereItComesFrom() {
        for (String file : Schemas.FILES) {
            JsonNode root = Schemas.load(file);
            assertThat(root.path("source").asText()).as(file + " names its source").isNotBlank();
            assertThat(root.path("kinds").size()).as(file + " kinds").isPositive();
            List<String> refs = new ArrayList<>();
            collectRefs(root, refs);
            for (String ref : refs) {
                String target = ref.startsWith("#") ? file : ref.substring(0, ref.indexOf('#'));
                assertThat(Schemas.FILES).as(ref).contains(target);
                assertThat(Schemas.load(target).at(ref.substring(ref.indexOf('#') + 1)).isMissingNode()).as(file + ": " + ref).isFalse();
            }
        }
    }

    @Test
    void theValidatorRefusesUnknownFieldsWrongTypesAndValuesOutsideAnEnum() throws Exception {
        Schemas schemas = new Schemas();
        var yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();
        JsonNode deployment = yaml.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replica: 2
                  template:
                    spec:
                      containers:
                        - name: x
                          securityContext: {readOnlyRootFileSystem: true}
                          ports: [{containerPort: "8080"}]
                """);
        assertThat(schemas.validate(deployment)).anyMatch(e -> e.contains("spec.replica: unknown field"))
                .anyMatch(e -> e.contains("readOnlyRootFileSystem: unknown field"))
                .anyMatch(e -> e.contains("containerPort: must be an integer"));
        JsonNode pooler = yaml.readTree("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Pooler
                metadata: {name: p}
                spec:
                  cluster: {name: c}
                  pgbouncer: {poolMode: statement}
                  template: {spec: {containers: [], topologySpreadConstraints: [{maxSkew: 1, topologyKey: k, whenUnsatisfiable: Maybe}]}}
                """);
        assertThat(schemas.validate(pooler)).anyMatch(e -> e.contains("poolMode: \"statement\" is not one of"));
        JsonNode unknown = yaml.readTree("{apiVersion: kafka.strimzi.io/v1, kind: Kafka, metadata: {name: k}}");
        assertThat(schemas.validate(unknown)).anyMatch(e -> e.contains("no schema for this kind"));
    }

    static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }
}
