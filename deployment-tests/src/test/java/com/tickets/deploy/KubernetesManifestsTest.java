package com.tickets.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads every manifest of k8s/base with the fabric8 Kubernetes model, fails on fields the model
 * does not know (typos silently ignored by kubectl apply would otherwise ship), and checks the
 * manifests against the code: probes on real health endpoints, ports, images, env vars, topics.
 */
class KubernetesManifestsTest {

    static final Path BASE = ServiceCode.ROOT.resolve("k8s/base");
    static final Map<String, Class<? extends HasMetadata>> MODEL = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "ConfigMap", ConfigMap.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "Ingress", Ingress.class);
    static final Set<String> CUSTOM = Set.of("KafkaTopic", "Cluster", "Database", "ScheduledBackup");

    final List<JsonNode> documents = load();
    final ObjectMapper json = new ObjectMapper();

    static List<JsonNode> load() {
        try (Stream<Path> files = Files.list(BASE)) {
            List<JsonNode> docs = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted().toList()) {
                try (var parser = new YAMLFactory().createParser(file.toFile())) {
                    new YAMLMapper().readValues(parser, JsonNode.class).readAll().stream().filter(d -> !d.isEmpty()).forEach(docs::add);
                }
            }
            return docs;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    <T> List<T> all(Class<T> type) {
        String kind = type.getSimpleName();
        return documents.stream().filter(d -> d.get("kind").asText().equals(kind)).map(d -> json.convertValue(d, type)).toList();
    }

    @Test
    void everyManifestIsAKnownKindWithNoUnknownFields() {
        for (JsonNode doc : documents) {
            String kind = doc.get("kind").asText();
            String where = kind + "/" + doc.get("metadata").get("name").asText();
            if (CUSTOM.contains(kind)) {
                assertThat(doc.get("apiVersion").asText()).as(where).isIn("kafka.strimzi.io/v1beta2", "postgresql.cnpg.io/v1");
                assertThat(doc.get("spec")).as(where).isNotNull();
                continue;
            }
            assertThat(MODEL).as(where + " is a kind we check").containsKey(kind);
            Object model = json.convertValue(doc, MODEL.get(kind));
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(model, where, unknown);
            assertThat(unknown).as("fields the Kubernetes API does not know").isEmpty();
        }
        assertThat(documents.stream().map(d -> d.get("kind").asText()).collect(Collectors.toSet()))
                .contains("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "ConfigMap",
                        "KafkaTopic", "Cluster");
    }

    @Test
    void everyServiceIsDeployedWithProbesOnItsHealthEndpointsItsPortItsImageAndEveryVariableItNeeds() {
        ConfigMap config = all(ConfigMap.class).get(0);
        for (String module : ServiceCode.MODULES) {
            ServiceCode code = ServiceCode.of(module);
            Deployment deployment = all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(module))
                    .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + module));
            Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

            assertThat(c.getImage()).startsWith("concert-tickets/" + module + ":");
            assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(code.port()).isEqualTo(code.exposedPort());
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).containsKey("memory");

            Set<String> given = c.getEnv().stream().map(EnvVar::getName).collect(Collectors.toCollection(TreeSet::new));
            assertThat(code.reads()).as(module + " reads every variable it is given").containsAll(given);
            assertThat(given).as(module + " is given every address and credential").containsAll(code.required());
            for (EnvVar env : c.getEnv()) {
                if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                    assertThat(config.getData()).as(module + " " + env.getName()).containsKey(env.getValueFrom().getConfigMapKeyRef().getKey());
                }
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    assertThat(env.getValueFrom().getSecretKeyRef().getName()).startsWith("tickets-");
                }
            }

            Service service = all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(module)).findFirst().orElseThrow();
            assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(code.port());
            assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(all(PodDisruptionBudget.class)).anyMatch(p -> p.getMetadata().getName().equals(module));
            assertThat(all(HorizontalPodAutoscaler.class)).anyMatch(h -> h.getSpec().getScaleTargetRef().getName().equals(module));
        }
    }

    @Test
    void theIngressSendsAnalyticsToTheProjectorAndEverythingElseToTheApi() {
        Ingress ingress = all(Ingress.class).get(0);
        var paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
        assertThat(paths.get(0).getPath()).isEqualTo("/api/analytics");
        assertThat(paths.get(0).getBackend().getService().getName()).isEqualTo("analytics-projector");
        assertThat(paths.get(1).getPath()).isEqualTo("/");
        assertThat(paths.get(1).getBackend().getService().getName()).isEqualTo("booking-api");
    }

    @Test
    void everyTopicTheServicesUseHasAKafkaTopicIncludingRetryAndDeadLetterTopics() {
        Set<String> declared = documents.stream().filter(d -> d.get("kind").asText().equals("KafkaTopic"))
                .map(d -> d.get("spec").get("topicName").asText()).collect(Collectors.toSet());
        assertThat(declared).containsAll(ServiceCode.topicsInCode()).containsAll(ServiceCode.topicsInScript());
    }

    @Test
    void overlaysOnlyPatchWhatTheBaseDefines() throws Exception {
        Set<String> names = documents.stream().map(d -> d.get("metadata").get("name").asText()).collect(Collectors.toSet());
        for (String overlay : List.of("dev", "prod")) {
            JsonNode kustomization = new YAMLMapper().readTree(ServiceCode.ROOT.resolve("k8s/overlays/" + overlay + "/kustomization.yaml").toFile());
            assertThat(kustomization.get("resources").get(0).asText()).isEqualTo("../../base");
            if (kustomization.has("replicas")) {
                kustomization.get("replicas").forEach(r -> assertThat(names).contains(r.get("name").asText()));
            }
            if (kustomization.has("images")) {
                kustomization.get("images").forEach(i -> assertThat(ServiceCode.MODULES)
                        .contains(i.get("name").asText().replace("concert-tickets/", "")));
            }
        }
    }

    /** Walks a fabric8 model object; any property it had to park in additionalProperties is unknown. */
    static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean || node instanceof Enum) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, unknown));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else {
                    collectUnknownFields(value, path + "." + getter.getName().substring(3), unknown);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
