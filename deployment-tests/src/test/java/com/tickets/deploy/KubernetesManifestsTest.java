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
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
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
            "Ingress", Ingress.class, "NetworkPolicy", NetworkPolicy.class);
    static final Set<String> CUSTOM = Set.of("KafkaTopic", "KafkaUser", "Cluster", "Database", "ScheduledBackup");

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
                        "KafkaTopic", "KafkaUser", "Cluster", "NetworkPolicy");
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
            assertThat(c.getPorts()).as(module + " management port")
                    .anyMatch(p -> "management".equals(p.getName()) && p.getContainerPort() == code.managementPort());
            assertThat(c.getEnv()).anyMatch(e -> e.getName().equals("MANAGEMENT_PORT") && e.getValue().equals(String.valueOf(code.managementPort())));
            assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            for (var probe : List.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe())) {
                assertThat(probe.getHttpGet().getPort().getStrVal()).as(module + " probes the management port").isEqualTo("management");
                assertThat(probe.getTimeoutSeconds()).as(module + " probe timeout").isGreaterThan(1);
            }
            Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
            assertThat(annotations).containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics")
                    .containsEntry("prometheus.io/port", String.valueOf(code.managementPort()));
            assertThat(deployment.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).containsKey("memory");

            Set<String> given = c.getEnv().stream().map(EnvVar::getName).collect(Collectors.toCollection(TreeSet::new));
            assertThat(code.reads()).as(module + " reads every variable it is given").containsAll(given);
            assertThat(given).as(module + " is given every address and credential").containsAll(code.required())
                    .containsAll(code.secrets());
            for (EnvVar env : c.getEnv()) {
                if (env.getName().endsWith("_PASSWORD") || env.getName().endsWith("_SECRET") || env.getName().endsWith("JAAS_CONFIG")) {
                    assertThat(env.getValue()).as(module + " " + env.getName() + " is not written in the manifest").isNull();
                    assertThat(env.getValueFrom().getSecretKeyRef()).as(module + " " + env.getName() + " comes from a Secret").isNotNull();
                }
            }
            for (EnvVar env : c.getEnv()) {
                if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
                    assertThat(config.getData()).as(module + " " + env.getName()).containsKey(env.getValueFrom().getConfigMapKeyRef().getKey());
                }
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    assertThat(env.getValueFrom().getSecretKeyRef().getName()).startsWith("tickets-");
                }
            }

            Service service = all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(module)).findFirst().orElseThrow();
            assertThat(service.getSpec().getPorts()).as(module + " Service exposes the public port only").hasSize(1);
            assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(code.port());
            assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(all(PodDisruptionBudget.class)).anyMatch(p -> p.getMetadata().getName().equals(module));
            assertThat(all(HorizontalPodAutoscaler.class)).anyMatch(h -> h.getSpec().getScaleTargetRef().getName().equals(module));
        }
    }

    @Test
    void theIngressRoutesTheApisTheWebPageAndTheContractAndNothingUnderQ() {
        Ingress ingress = all(Ingress.class).get(0);
        var paths = ingress.getSpec().getRules().get(0).getHttp().getPaths();
        Map<String, String> routes = new java.util.LinkedHashMap<>();
        for (var p : paths) {
            assertThat(p.getPath()).as("no operator endpoint is public").doesNotStartWith("/q");
            assertThat(p.getPathType()).as(p.getPath() + ": a catch-all Prefix / would route /q/* too")
                    .isEqualTo(p.getPath().equals("/") ? "Exact" : p.getPathType());
            routes.put(p.getPath() + " " + p.getPathType(), p.getBackend().getService().getName() + ":" + p.getBackend().getService().getPort().getNumber());
        }
        assertThat(routes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/api/analytics Prefix", "analytics-projector:8083",
                "/api Prefix", "booking-api:8080",
                "/ Exact", "booking-api:8080",
                "/index.html Exact", "booking-api:8080",
                "/assets Prefix", "booking-api:8080",
                "/asyncapi.yaml Exact", "booking-api:8080"));
        assertThat(paths.get(0).getPath()).as("the more specific analytics route first").isEqualTo("/api/analytics");
    }

    @Test
    void everythingIsDeniedUnlessAPolicyAllowsIt() {
        List<NetworkPolicy> policies = all(NetworkPolicy.class);
        NetworkPolicy deny = policies.stream().filter(p -> p.getMetadata().getName().equals("default-deny")).findFirst()
                .orElseThrow(() -> new AssertionError("no default-deny NetworkPolicy"));
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();

        for (String module : ServiceCode.MODULES) {
            ServiceCode code = ServiceCode.of(module);
            NetworkPolicy own = policies.stream().filter(p -> module.equals(p.getSpec().getPodSelector().getMatchLabels()
                    .get("app.kubernetes.io/name"))).findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy for " + module));
            Map<Integer, List<String>> from = new java.util.TreeMap<>();
            for (NetworkPolicyIngressRule rule : own.getSpec().getIngress()) {
                assertThat(rule.getPorts()).as(module + " ingress names its ports").isNotEmpty();
                assertThat(rule.getFrom()).as(module + " ingress names its peers").isNotEmpty();
                for (NetworkPolicyPort port : rule.getPorts()) {
                    for (var peer : rule.getFrom()) {
                        from.computeIfAbsent(port.getPort().getIntVal(), k -> new ArrayList<>())
                                .add(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
                    }
                }
            }
            boolean publicApi = module.equals("booking-api") || module.equals("analytics-projector");
            assertThat(from).as(module + " ingress").containsEntry(code.managementPort(), List.of("monitoring"));
            if (publicApi) {
                assertThat(from).containsOnlyKeys(code.port(), code.managementPort()).containsEntry(code.port(), List.of("ingress-nginx"));
            } else {
                assertThat(from).as(module + " takes no traffic but Prometheus'").containsOnlyKeys(code.managementPort());
            }
            String egress = json.valueToTree(own.getSpec().getEgress()).toString();
            assertThat(egress).contains("\"cnpg.io/cluster\":\"tickets-db\"", "\"strimzi.io/cluster\":\"tickets-kafka\"");
            assertThat(egress.contains("tickets-redis")).as(module + " reaches Redis").isEqualTo(module.equals("booking-api"));
            assertThat(egress.contains("587")).as(module + " reaches SMTP").isEqualTo(module.equals("notification-worker"));
        }
        assertThat(policies).anyMatch(p -> p.getMetadata().getName().equals("allow-dns")
                && json.valueToTree(p.getSpec().getEgress()).toString().contains("53"));
        NetworkPolicy redis = policies.stream().filter(p -> p.getMetadata().getName().equals("tickets-redis")).findFirst().orElseThrow();
        assertThat(json.valueToTree(redis.getSpec().getIngress()).toString())
                .contains("\"app.kubernetes.io/name\":\"booking-api\"").doesNotContain("payment-worker", "notification-worker", "analytics-projector");
    }

    @Test
    void redisRequiresThePasswordBookingApiIsGiven() {
        Deployment redis = all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("tickets-redis")).findFirst().orElseThrow();
        Container c = redis.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getArgs()).containsSequence("--requirepass", "$(REDIS_PASSWORD)");
        EnvVar password = c.getEnv().stream().filter(e -> e.getName().equals("REDIS_PASSWORD")).findFirst().orElseThrow();
        Container api = all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("booking-api")).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        EnvVar given = api.getEnv().stream().filter(e -> e.getName().equals("REDIS_PASSWORD")).findFirst().orElseThrow();
        assertThat(given.getValueFrom().getSecretKeyRef()).isEqualTo(password.getValueFrom().getSecretKeyRef());
    }

    @Test
    void everyServiceLogsInToKafkaAsItsOwnUserAllowedExactlyTheTopicsAndGroupsItsConfigurationNames() {
        for (String module : ServiceCode.MODULES) {
            ServiceCode.KafkaUse use = ServiceCode.of(module).kafka();
            JsonNode user = documents.stream().filter(d -> d.get("kind").asText().equals("KafkaUser")
                    && d.get("metadata").get("name").asText().equals("tickets-" + module)).findFirst()
                    .orElseThrow(() -> new AssertionError("no KafkaUser tickets-" + module));
            assertThat(user.get("metadata").get("labels").get("strimzi.io/cluster").asText()).isEqualTo("tickets-kafka");
            assertThat(user.get("spec").get("authentication").get("type").asText()).isEqualTo("scram-sha-512");
            assertThat(user.get("spec").get("authorization").get("type").asText()).isEqualTo("simple");

            Set<String> reads = new TreeSet<>();
            Set<String> writes = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            Set<String> prefixes = new TreeSet<>();
            for (JsonNode acl : user.get("spec").get("authorization").get("acls")) {
                JsonNode resource = acl.get("resource");
                Set<String> ops = new TreeSet<>();
                acl.get("operations").forEach(o -> ops.add(o.asText()));
                assertThat(ops).as(module + " " + resource).isSubsetOf("Read", "Write", "Describe");
                String name = resource.get("name").asText();
                assertThat(name).as(module + " no wildcard").doesNotContain("*");
                switch (resource.get("type").asText()) {
                    case "topic" -> {
                        assertThat(resource.get("patternType").asText()).as(module + " " + name).isEqualTo("literal");
                        if (ops.contains("Read")) {
                            reads.add(name);
                        }
                        if (ops.contains("Write")) {
                            writes.add(name);
                        }
                    }
                    case "group" -> {
                        assertThat(ops).containsExactly("Read");
                        (resource.get("patternType").asText().equals("prefix") ? prefixes : groups).add(name);
                    }
                    default -> throw new AssertionError(module + " may touch only topics and groups: " + resource);
                }
            }
            assertThat(reads).as(module + " reads").isEqualTo(use.reads());
            assertThat(writes).as(module + " writes").isEqualTo(use.writes());
            assertThat(groups).as(module + " consumer groups").isEqualTo(use.groups());
            assertThat(prefixes).as(module + " consumer group prefixes").isEqualTo(use.groupPrefixes());

            Container c = all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(module)).findFirst().orElseThrow()
                    .getSpec().getTemplate().getSpec().getContainers().get(0);
            EnvVar jaas = c.getEnv().stream().filter(e -> e.getName().equals("KAFKA_SASL_JAAS_CONFIG")).findFirst()
                    .orElseThrow(() -> new AssertionError(module + " has no Kafka login"));
            assertThat(jaas.getValueFrom().getSecretKeyRef().getName()).isEqualTo("tickets-" + module);
            assertThat(jaas.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
            assertThat(c.getEnv()).extracting(EnvVar::getName).contains("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
                    "KAFKA_SSL_TRUSTSTORE_CERTIFICATES");
        }
        ConfigMap config = all(ConfigMap.class).get(0);
        assertThat(config.getData()).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL").containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        JsonNode access = documents.stream().filter(d -> d.get("kind").asText().equals("KafkaTopic")
                && d.get("spec").get("topicName").asText().equals("access.events")).findFirst().orElseThrow();
        assertThat(access.get("spec").get("config").get("retention.ms").asLong()).isEqualTo(3_600_000L);
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
