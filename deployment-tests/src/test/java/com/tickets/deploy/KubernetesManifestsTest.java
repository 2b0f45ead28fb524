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
 * Renders every overlay of k8s/overlays as {@code kubectl kustomize} would ({@link Kustomize}; compared with kubectl's
 * own rendering where kubectl is installed) and checks every object: against the schemas of its kind kept in
 * src/test/resources/schemas ({@link Schemas}), against Pod Security "restricted", and against the code: probes on
 * real health endpoints, ports, images, env vars, topics, consumer groups, metric names, the connection budget.
 * One subclass per overlay ({@code DevOverlayTest}, {@code ProdOverlayTest}) runs all of it.
 */
abstract class KubernetesManifestsTest {

    static final Path OVERLAYS = ServiceCode.ROOT.resolve("k8s/overlays");
    static final Set<String> CUSTOM = Set.of("KafkaTopic", "KafkaUser", "Cluster", "Database", "ScheduledBackup");

    final String overlay;
    final List<JsonNode> documents;
    final String namespace;
    final ObjectMapper json = new ObjectMapper();

    KubernetesManifestsTest(String overlay) {
        this.overlay = overlay;
        this.documents = List.<JsonNode>copyOf(Kustomize.render(OVERLAYS.resolve(overlay)));
        this.namespace = Kustomize.readYaml(OVERLAYS.resolve(overlay).resolve("kustomization.yaml")).get(0).get("namespace").asText();
    }

    /** The documents of one kind. */
    List<JsonNode> kind(String kind) {
        return documents.stream().filter(d -> d.get("kind").asText().equals(kind)).toList();
    }

    JsonNode one(String kind, String name) {
        return kind(kind).stream().filter(d -> d.get("metadata").get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    ConfigMap config() {
        return json.convertValue(one("ConfigMap", "tickets-config"), ConfigMap.class);
    }

    <T> List<T> all(Class<T> type) {
        String kind = type.getSimpleName();
        return documents.stream().filter(d -> d.get("kind").asText().equals(kind)).map(d -> json.convertValue(d, type)).toList();
    }

    @Test
    void everyObjectMatchesTheSchemaOfItsKind() {
        Schemas schemas = new Schemas();
        List<String> errors = new ArrayList<>();
        for (JsonNode doc : documents) {
            errors.addAll(schemas.validate(doc));
        }
        assertThat(errors).as(overlay + ": fields or values the schemas do not allow").isEmpty();
        assertThat(documents.stream().map(d -> d.get("kind").asText()).collect(Collectors.toSet()))
                .contains("Namespace", "Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "ConfigMap",
                        "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "Pooler", "NetworkPolicy", "ScaledObject",
                        "PodMonitor", "PrometheusRule");
    }

    @Test
    void everyServiceIsDeployedWithProbesOnItsHealthEndpointsItsPortItsImageAndEveryVariableItNeeds() {
        ConfigMap config = config();
        for (String module : ServiceCode.MODULES) {
            ServiceCode code = ServiceCode.of(module);
            Deployment deployment = all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(module))
                    .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + module));
            Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

            assertThat(c.getImage()).contains("concert-tickets/" + module + ":");
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
                // an optional key may be missing: the variable is then unset (the OTLP endpoint outside prod)
                if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null
                        && !Boolean.TRUE.equals(env.getValueFrom().getConfigMapKeyRef().getOptional())) {
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
            assertThat(scalers(module)).as(module + " has exactly one autoscaler (an HPA or a KEDA ScaledObject)").hasSize(1);
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
            assertThat(egress).contains("\"strimzi.io/cluster\":\"tickets-kafka\"");
            String dbHost = config().getData().get(code.envVarOf("quarkus.datasource.jdbc.url")).replaceAll("^jdbc:postgresql://([^:/]+).*", "$1");
            String dbPeer = dbHost.equals("tickets-db-rw") ? "\"cnpg.io/cluster\":\"tickets-db\""
                    : "\"cnpg.io/poolerName\":\"" + dbHost + "\"";
            assertThat(egress).as(module + " reaches the database endpoint its URL names, and no other").contains(dbPeer);
            String sessionVar = code.property("outbox.relay.jdbc-url") == null ? null : code.envVarOf("outbox.relay.jdbc-url");
            boolean sessionDirect = sessionVar != null && config().getData().getOrDefault(sessionVar, "")
                    .startsWith("jdbc:postgresql://tickets-db-rw:");
            assertThat(egress.contains("cnpg.io/cluster") && egress.contains("cnpg.io/poolerName"))
                    .as(module + " one database path, or two for a pool behind PgBouncer and the relay's session around it")
                    .isEqualTo(sessionDirect && !dbHost.equals("tickets-db-rw"));
            assertThat(egress.contains("tickets-redis")).as(module + " reaches Redis").isEqualTo(module.equals("booking-api"));
            assertThat(egress.contains("587")).as(module + " reaches SMTP").isEqualTo(module.equals("notification-worker"));
        }
        assertThat(policies).anyMatch(p -> p.getMetadata().getName().equals("allow-dns")
                && json.valueToTree(p.getSpec().getEgress()).toString().contains("53"));
        NetworkPolicy redis = policies.stream().filter(p -> p.getMetadata().getName().equals("tickets-redis")).findFirst().orElseThrow();
        assertThat(json.valueToTree(redis.getSpec().getIngress()).toString())
                .contains("\"app.kubernetes.io/name\":\"booking-api\"").doesNotContain("payment-worker", "notification-worker", "analytics-projector");
    }

    /** The variable every service takes its OTLP endpoint from (application.properties, "Tracing and logs"). */
    static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /**
     * Each service takes the OTLP endpoint from the ConfigMap, which names one in prod (and may elsewhere); where one
     * is named, a NetworkPolicy lets every service reach the collector's namespace on the endpoint's port, since
     * default-deny would drop the spans otherwise, and the port is the one of the protocol the services speak.
     */
    @Test
    void everyServiceExportsSpansToTheCollectorTheOverlayNamesAndMayReachIt() {
        String endpoint = config().getData().get(OTLP_ENDPOINT);
        if (overlay.equals("prod")) {
            assertThat(endpoint).as("prod names an OpenTelemetry collector in tickets-config " + OTLP_ENDPOINT).isNotBlank();
        }
        for (String module : ServiceCode.MODULES) {
            ServiceCode code = ServiceCode.of(module);
            assertThat(code.reads()).as(module + " reads " + OTLP_ENDPOINT).contains(OTLP_ENDPOINT);
            Container c = json.convertValue(one("Deployment", module), Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
            EnvVar env = c.getEnv().stream().filter(e -> e.getName().equals(OTLP_ENDPOINT)).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + " " + module + " is not given " + OTLP_ENDPOINT));
            assertThat(env.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo("tickets-config");
            assertThat(env.getValueFrom().getConfigMapKeyRef().getKey()).isEqualTo(OTLP_ENDPOINT);
        }
        if (endpoint == null) {
            return;
        }
        var url = java.util.regex.Pattern.compile("^http://([a-z0-9-]+)\\.([a-z0-9-]+)(\\.svc[a-z0-9.-]*)?:(\\d+)/?$").matcher(endpoint);
        assertThat(url.matches()).as(endpoint + ": http://<service>.<namespace>:<port>, a collector's Service in the cluster").isTrue();
        String collectorNamespace = url.group(2);
        int port = Integer.parseInt(url.group(4));
        // grpc unless a service is told otherwise; an OTLP/HTTP collector listens on 4318
        assertThat(port).as(endpoint + " is the OTLP/gRPC port the services speak by default").isEqualTo(4317);
        for (String module : ServiceCode.MODULES) {
            boolean allowed = all(NetworkPolicy.class).stream().filter(p -> selects(p, module))
                    .filter(p -> p.getSpec().getPolicyTypes().contains("Egress"))
                    .flatMap(p -> p.getSpec().getEgress().stream())
                    .anyMatch(rule -> rule.getPorts().stream().anyMatch(x -> x.getPort().getIntVal() == port
                            && "TCP".equals(x.getProtocol()))
                            && rule.getTo().stream().anyMatch(peer -> peer.getNamespaceSelector() != null
                            && collectorNamespace.equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))));
            assertThat(allowed).as(overlay + " " + module + " may reach the collector in namespace " + collectorNamespace + " on " + port)
                    .isTrue();
        }
    }

    /** Whether a NetworkPolicy's pod selector picks a service's pods (by their app.kubernetes.io/name). */
    static boolean selects(NetworkPolicy policy, String module) {
        var selector = policy.getSpec().getPodSelector();
        Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        var expressions = selector.getMatchExpressions() == null ? List.<io.fabric8.kubernetes.api.model.LabelSelectorRequirement>of()
                : selector.getMatchExpressions();
        boolean byLabels = labels.entrySet().stream().allMatch(l -> l.getKey().equals("app.kubernetes.io/name") && l.getValue().equals(module));
        boolean byExpressions = expressions.stream().allMatch(x -> x.getKey().equals("app.kubernetes.io/name")
                && x.getOperator().equals("In") && x.getValues().contains(module));
        return byLabels && byExpressions;
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
        ConfigMap config = config();
        assertThat(config.getData()).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL").containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        JsonNode access = documents.stream().filter(d -> d.get("kind").asText().equals("KafkaTopic")
                && d.get("spec").get("topicName").asText().equals("access.events")).findFirst().orElseThrow();
        assertThat(access.get("spec").get("config").get("retention.ms").asLong()).isEqualTo(3_600_000L);
    }

    @Test
    void everyTopicTheServicesUseHasAKafkaTopicIncludingRetryAndDeadLetterTopics() {
        Set<String> declared = documents.stream().filter(d -> d.get("kind").asText().equals("KafkaTopic"))
                .map(d -> d.get("spec").get("topicName").asText()).collect(Collectors.toSet());
        assertThat(declared).containsAll(ServiceCode.topicsInCode()).containsAll(ServiceCode.topicsInScript())
                .containsAll(ServiceCode.contractTopics());
    }

    /** The HPAs and ScaledObjects whose target is this Deployment. */
    List<JsonNode> scalers(String deployment) {
        return documents.stream().filter(d -> Set.of("HorizontalPodAutoscaler", "ScaledObject").contains(d.get("kind").asText())
                && d.get("spec").get("scaleTargetRef").get("name").asText().equals(deployment)).toList();
    }

    int maxReplicas(String deployment) {
        JsonNode scaler = scalers(deployment).get(0);
        return scaler.get("spec").has("maxReplicas") ? scaler.get("spec").get("maxReplicas").asInt() : scaler.get("spec").get("maxReplicaCount").asInt();
    }

    int minReplicas(String deployment) {
        JsonNode scaler = scalers(deployment).get(0);
        return scaler.get("spec").has("minReplicas") ? scaler.get("spec").get("minReplicas").asInt(1) : scaler.get("spec").path("minReplicaCount").asInt(0);
    }

    @Test
    void theNamespaceIsCreatedRestrictedAndHoldsEverything() {
        JsonNode ns = one("Namespace", namespace);
        assertThat(kind("Namespace")).hasSize(1);
        assertThat(ns.get("metadata").get("labels").get("pod-security.kubernetes.io/enforce").asText()).isEqualTo("restricted");
        for (JsonNode d : documents) {
            if (!Kustomize.CLUSTER_SCOPED.contains(d.get("kind").asText())) {
                assertThat(d.get("metadata").path("namespace").asText()).as(d.get("kind") + "/" + d.get("metadata").get("name")).isEqualTo(namespace);
            }
        }
        if (overlay.equals("prod")) {
            assertThat(namespace).as("docs/operations.md creates the Secrets with kubectl -n tickets").isEqualTo("tickets");
            assertThat(ServiceCode.read(ServiceCode.ROOT.resolve("docs/operations.md"))).contains("kubectl -n tickets create secret");
        }
    }

    /** Every pod template we write, by where it is: Deployments, and the templates handed to the operators. */
    Map<String, JsonNode> podSpecs() {
        Map<String, JsonNode> pods = new java.util.LinkedHashMap<>();
        kind("Deployment").forEach(d -> pods.put("Deployment/" + d.get("metadata").get("name").asText(), d.at("/spec/template/spec")));
        return pods;
    }

    @Test
    void everyContainerIsPodSecurityRestrictedWithAWritableTmpOnly() {
        for (var e : podSpecs().entrySet()) {
            String where = overlay + " " + e.getKey();
            JsonNode pod = e.getValue();
            JsonNode psc = pod.path("securityContext");
            assertThat(psc.path("runAsNonRoot").asBoolean()).as(where + " runAsNonRoot").isTrue();
            assertThat(psc.path("runAsUser").asInt(1)).as(where + " not uid 0").isNotZero();
            assertThat(psc.at("/seccompProfile/type").asText()).as(where + " seccomp").isEqualTo("RuntimeDefault");
            for (String forbidden : List.of("hostNetwork", "hostPID", "hostIPC")) {
                assertThat(pod.path(forbidden).asBoolean(false)).as(where + " " + forbidden).isFalse();
            }
            Set<String> emptyDirs = new TreeSet<>();
            pod.path("volumes").forEach(v -> {
                assertThat(v.has("hostPath")).as(where + " hostPath volume").isFalse();
                if (v.has("emptyDir")) {
                    emptyDirs.add(v.get("name").asText());
                }
            });
            List<JsonNode> containers = new ArrayList<>();
            pod.path("initContainers").forEach(containers::add);
            pod.path("containers").forEach(containers::add);
            for (JsonNode c : containers) {
                String cw = where + " container " + c.get("name").asText();
                JsonNode sc = c.path("securityContext");
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean() && !sc.get("allowPrivilegeEscalation").asBoolean())
                        .as(cw + " allowPrivilegeEscalation: false").isTrue();
                assertThat(sc.path("privileged").asBoolean(false)).as(cw + " privileged").isFalse();
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as(cw + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.path("runAsNonRoot").asBoolean(psc.path("runAsNonRoot").asBoolean())).as(cw + " runAsNonRoot").isTrue();
                List<String> drop = new ArrayList<>();
                sc.at("/capabilities/drop").forEach(x -> drop.add(x.asText()));
                assertThat(drop).as(cw + " drops every capability").contains("ALL");
                sc.at("/capabilities/add").forEach(x -> assertThat(x.asText()).as(cw + " adds only NET_BIND_SERVICE").isEqualTo("NET_BIND_SERVICE"));
                List<String> tmp = new ArrayList<>();
                c.path("volumeMounts").forEach(m -> {
                    if (m.get("mountPath").asText().equals("/tmp")) {
                        tmp.add(m.get("name").asText());
                    }
                });
                assertThat(tmp).as(cw + " has /tmp on an emptyDir").hasSize(1);
                assertThat(emptyDirs).as(cw + " /tmp is an emptyDir").contains(tmp.get(0));
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    if (c.has(probe)) {
                        assertThat(c.get(probe).path("timeoutSeconds").asInt(1)).as(cw + " " + probe + " timeout").isGreaterThanOrEqualTo(2);
                    }
                }
            }
        }
    }

    @Test
    void theOperatorsPodsAreAskedForTheSameRestrictedSettings() {
        List<JsonNode> containers = new ArrayList<>();
        List<JsonNode> pods = new ArrayList<>();
        for (JsonNode pool : kind("KafkaNodePool")) {
            pods.add(pool.at("/spec/template/pod"));
            containers.add(pool.at("/spec/template/kafkaContainer"));
        }
        JsonNode kafka = one("Kafka", "tickets-kafka");
        pods.add(kafka.at("/spec/entityOperator/template/pod"));
        containers.add(kafka.at("/spec/entityOperator/template/topicOperatorContainer"));
        containers.add(kafka.at("/spec/entityOperator/template/userOperatorContainer"));
        pods.add(kafka.at("/spec/kafkaExporter/template/pod"));
        containers.add(kafka.at("/spec/kafkaExporter/template/container"));
        for (JsonNode pod : pods) {
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(overlay + " Strimzi pod template runAsNonRoot").isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        }
        for (JsonNode c : containers) {
            assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as(overlay + " Strimzi container").isFalse();
            assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(c.at("/securityContext/capabilities/drop").toString()).contains("ALL");
        }
    }

    @Test
    void autoscalersOwnTheReplicaCountsAndDisruptionBudgetsAllowADrain() {
        for (JsonNode d : kind("Deployment")) {
            String name = d.get("metadata").get("name").asText();
            List<JsonNode> scalers = scalers(name);
            assertThat(scalers).as(overlay + " " + name + ": one autoscaler at most").hasSizeLessThanOrEqualTo(1);
            if (!scalers.isEmpty()) {
                assertThat(d.get("spec").has("replicas")).as(overlay + " " + name + " sets replicas that its autoscaler owns").isFalse();
                assertThat(minReplicas(name)).isLessThanOrEqualTo(maxReplicas(name));
            }
        }
        for (JsonNode pdb : kind("PodDisruptionBudget")) {
            JsonNode spec = pdb.get("spec");
            String name = pdb.get("metadata").get("name").asText();
            if (spec.has("minAvailable")) {
                assertThat(spec.get("minAvailable").asInt()).as(overlay + " PDB " + name + " must leave room for a drain at the fewest replicas")
                        .isLessThan(minReplicas(name));
            } else {
                assertThat(spec.get("maxUnavailable").asInt()).as(overlay + " PDB " + name).isPositive();
            }
            assertThat(kind("Deployment")).anyMatch(d -> d.at("/spec/selector/matchLabels").equals(spec.at("/selector/matchLabels")));
        }
    }

    @Test
    void theServicesSpreadOverZonesAndNodes() {
        for (String module : ServiceCode.MODULES) {
            JsonNode pod = one("Deployment", module).at("/spec/template");
            Map<String, JsonNode> byKey = new java.util.HashMap<>();
            pod.at("/spec/topologySpreadConstraints").forEach(t -> byKey.put(t.get("topologyKey").asText(), t));
            assertThat(byKey).as(overlay + " " + module).containsKeys("topology.kubernetes.io/zone", "kubernetes.io/hostname");
            for (JsonNode t : byKey.values()) {
                assertThat(t.get("maxSkew").asInt()).isEqualTo(1);
                t.at("/labelSelector/matchLabels").fields().forEachRemaining(l ->
                        assertThat(pod.at("/metadata/labels").path(l.getKey()).asText()).as(module + " spread selects its own pods").isEqualTo(l.getValue().asText()));
                assertThat(t.get("matchLabelKeys").toString()).as(module + " counts only the current ReplicaSet").contains("pod-template-hash");
            }
            String zone = byKey.get("topology.kubernetes.io/zone").get("whenUnsatisfiable").asText();
            assertThat(zone).as(overlay + " zone spread").isEqualTo(overlay.equals("prod") ? "DoNotSchedule" : "ScheduleAnyway");
        }
    }

    @Test
    void theIngressServesTlsWithACertificateFromCertManager() {
        JsonNode ingress = kind("Ingress").get(0);
        Set<String> hosts = new TreeSet<>();
        ingress.at("/spec/rules").forEach(r -> hosts.add(r.get("host").asText()));
        Set<String> tls = new TreeSet<>();
        ingress.at("/spec/tls").forEach(t -> {
            assertThat(t.path("secretName").asText()).isNotBlank();
            t.get("hosts").forEach(h -> tls.add(h.asText()));
        });
        assertThat(tls).as("every host is served over TLS").containsAll(hosts);
        assertThat(ingress.at("/metadata/annotations").has("cert-manager.io/cluster-issuer")).isTrue();
        assertThat(config().getData().get("PUBLIC_BASE_URL")).startsWith("https://");
    }

    @Test
    void theKafkaClusterIsKraftWithTheListenerTheUsersAndTheServicesUse() {
        JsonNode kafka = one("Kafka", "tickets-kafka");
        assertThat(kafka.at("/spec/zookeeper").isMissingNode()).as("KRaft: no ZooKeeper").isTrue();
        Map<String, Integer> roles = new java.util.TreeMap<>();
        for (JsonNode pool : kind("KafkaNodePool")) {
            assertThat(pool.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("tickets-kafka");
            pool.at("/spec/roles").forEach(r -> roles.merge(r.asText(), pool.at("/spec/replicas").asInt(), Integer::sum));
        }
        assertThat(roles).containsKeys("controller", "broker");
        String bootstrap = config().getData().get("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(bootstrap).isEqualTo("tickets-kafka-kafka-bootstrap:" + bootstrap.replaceAll(".*:", ""));
        int port = Integer.parseInt(bootstrap.replaceAll(".*:", ""));
        JsonNode listener = null;
        for (JsonNode l : kafka.at("/spec/kafka/listeners")) {
            if (l.get("port").asInt() == port) {
                listener = l;
            }
        }
        assertThat(listener).as("a listener on " + port).isNotNull();
        assertThat(listener.get("tls").asBoolean()).as("SASL_SSL needs a TLS listener").isTrue();
        assertThat(config().getData().get("KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
        String auth = listener.at("/authentication/type").asText();
        for (JsonNode user : kind("KafkaUser")) {
            assertThat(user.at("/spec/authentication/type").asText()).as(user.at("/metadata/name") + " logs in as the listener wants").isEqualTo(auth);
        }
        assertThat(config().getData().get("KAFKA_SASL_MECHANISM")).isEqualTo(auth.toUpperCase());
        assertThat(kafka.at("/spec/kafka/authorization/type").asText()).as("the users' ACLs are enforced").isEqualTo("simple");
        assertThat(kafka.at("/spec/entityOperator").has("topicOperator") && kafka.at("/spec/entityOperator").has("userOperator")).isTrue();
        String peers = listener.get("networkPolicyPeers").toString();
        ServiceCode.MODULES.forEach(m -> assertThat(peers).as("Strimzi's listener policy admits " + m).contains("\"" + m + "\""));
        int brokers = roles.get("broker");
        int minIsr = kafka.at("/spec/kafka/config/min.insync.replicas").asInt();
        for (JsonNode topic : kind("KafkaTopic")) {
            int replicas = topic.at("/spec/replicas").asInt();
            assertThat(replicas).as(topic.at("/spec/topicName") + " replicas").isLessThanOrEqualTo(brokers);
            int isr = topic.at("/spec/config/min.insync.replicas").asInt(minIsr);
            assertThat(isr).as(topic.at("/spec/topicName") + " min.insync.replicas leaves room for one broker down")
                    .isLessThanOrEqualTo(Math.max(1, replicas - 1));
        }
    }

    @Test
    void retryAndDeadLetterTopicsHaveTheirSourcesPartitions() {
        Map<String, Integer> partitions = new java.util.HashMap<>();
        kind("KafkaTopic").forEach(t -> partitions.put(t.at("/spec/topicName").asText(), t.at("/spec/partitions").asInt()));
        partitions.forEach((topic, n) -> {
            String source = topic.replaceAll("_[a-z_]*retry_\\d+$", "").replaceAll("\\.[a-z-]+\\.dlq$", "");
            if (!source.equals(topic)) {
                assertThat(n).as(topic + " has as many partitions as " + source).isEqualTo(partitions.get(source));
            }
        });
    }

    @Test
    void workersThatWaitOnOthersScaleOnTheirConsumerGroupsLag() {
        Set<String> lagScaled = new TreeSet<>();
        for (JsonNode so : kind("ScaledObject")) {
            String module = so.at("/spec/scaleTargetRef/name").asText();
            ServiceCode.KafkaUse use = ServiceCode.of(module).kafka();
            for (JsonNode trigger : so.at("/spec/triggers")) {
                if (!trigger.get("type").asText().equals("kafka")) {
                    continue;
                }
                lagScaled.add(module);
                JsonNode md = trigger.get("metadata");
                assertThat(use.groups()).as(module + " KEDA reads a consumer group the service uses").contains(md.get("consumerGroup").asText());
                if (md.has("topic")) {
                    assertThat(use.reads()).contains(md.get("topic").asText());
                }
                assertThat(md.get("bootstrapServers").asText()).isEqualTo(config().getData().get("KAFKA_BOOTSTRAP_SERVERS"));
                assertThat(md.get("sasl").asText()).isEqualTo("scram_sha512");
                assertThat(md.get("tls").asText()).isEqualTo("enable");
                String auth = trigger.at("/authenticationRef/name").asText();
                JsonNode ta = one("TriggerAuthentication", auth);
                Set<String> params = new TreeSet<>();
                ta.at("/spec/secretTargetRef").forEach(r -> params.add(r.get("parameter").asText()));
                assertThat(params).containsExactlyInAnyOrder("username", "password", "ca");
                JsonNode keda = one("KafkaUser", "tickets-keda");
                String acls = keda.at("/spec/authorization/acls").toString();
                assertThat(acls).as("KEDA may describe the group " + md.get("consumerGroup")).contains("\"name\":" + md.get("consumerGroup"));
                assertThat(acls).doesNotContain("Read", "Write");
                int partitions = kind("KafkaTopic").stream().filter(t -> use.reads().contains(t.at("/spec/topicName").asText()))
                        .mapToInt(t -> t.at("/spec/partitions").asInt()).max().orElseThrow();
                assertThat(so.at("/spec/maxReplicaCount").asInt()).as(module + " no more replicas than partitions").isLessThanOrEqualTo(partitions);
            }
        }
        assertThat(lagScaled).containsExactlyInAnyOrder("payment-worker", "notification-worker");
    }

    /** Server connections kept for PostgreSQL itself, the operator, its exporter and a person with psql (docs/operations.md). */
    static final int RESERVED_CONNECTIONS = 20;

    @Test
    void theConnectionBudgetFitsTheServerAndNoSessionGoesThroughTheTransactionPooler() {
        JsonNode cluster = one("Cluster", "tickets-db");
        int max = Integer.parseInt(cluster.at("/spec/postgresql/parameters/max_connections").asText());
        int superuser = Integer.parseInt(cluster.at("/spec/postgresql/parameters/superuser_reserved_connections").asText("3"));
        assertThat(superuser).isLessThan(RESERVED_CONNECTIONS);
        Map<String, JsonNode> poolers = new java.util.HashMap<>();
        kind("Pooler").forEach(p -> poolers.put(p.at("/metadata/name").asText(), p));
        int direct = 0;
        Map<String, Set<String>> databasesByPooler = new java.util.HashMap<>();
        for (String module : ServiceCode.MODULES) {
            ServiceCode code = ServiceCode.of(module);
            String url = config().getData().get(code.envVarOf("quarkus.datasource.jdbc.url"));
            String host = url.replaceAll("^jdbc:postgresql://([^:/]+).*", "$1");
            String database = url.replaceAll("^jdbc:postgresql://[^/]+/([^?]+).*", "$1");
            Container c = json.convertValue(one("Deployment", module), Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
            String poolVar = code.envVarOf("quarkus.datasource.jdbc.max-size");
            String given = c.getEnv().stream().filter(e -> e.getName().equals(poolVar)).map(EnvVar::getValue).findFirst().orElse(null);
            String inCode = code.property("quarkus.datasource.jdbc.max-size");
            int pool = Integer.parseInt(given != null ? given : inCode != null ? inCode : "20"); // Quarkus' default max-size
            String sources = code.mainSources();
            boolean ownSession = sources.contains("DriverManager.getConnection");
            boolean needsSession = ownSession || sources.contains("\"LISTEN ") || sources.contains("pg_try_advisory_lock(")
                    || sources.contains("pg_advisory_lock(");
            // a session of its own on a URL of its own (booking-api's outbox relay) may go around the pooler
            String sessionVar = code.property("outbox.relay.jdbc-url") == null ? null : code.envVarOf("outbox.relay.jdbc-url");
            String sessionUrl = sessionVar == null ? null : config().getData().get(sessionVar);
            boolean sessionDirect = sessionUrl != null && sessionUrl.startsWith("jdbc:postgresql://tickets-db-rw:");
            if (host.equals("tickets-db-rw")) {
                direct += maxReplicas(module) * (pool + (ownSession ? 1 : 0));
            } else if (sessionDirect) {
                direct += maxReplicas(module); // the relay's session; the pool goes through PgBouncer below
                assertThat(url).as(module + " uses unnamed statements through PgBouncer").contains("prepareThreshold=0");
                String pooler = host;
                assertThat(poolers).as(module + " connects to " + host + ", a Pooler of ours").containsKey(pooler);
                assertThat(poolers.get(pooler).at("/spec/pgbouncer/poolMode").asText()).isEqualTo("transaction");
                databasesByPooler.computeIfAbsent(pooler, k -> new TreeSet<>()).add(database);
            } else {
                String pooler = host.replaceAll("^(tickets-db-pooler-[a-z]+)$", "$1");
                assertThat(poolers).as(module + " connects to " + host + ", a Pooler of ours").containsKey(pooler);
                assertThat(poolers.get(pooler).at("/spec/pgbouncer/poolMode").asText()).isEqualTo("transaction");
                assertThat(needsSession).as(module + " holds a session (LISTEN, session advisory lock, a connection of its own) and "
                        + "would lose it behind a transaction pooler; give it tickets-db-rw").isFalse();
                assertThat(url).as(module + " uses unnamed statements through PgBouncer").contains("prepareThreshold=0");
                databasesByPooler.computeIfAbsent(pooler, k -> new TreeSet<>()).add(database);
            }
        }
        int pooled = 0;
        for (var e : databasesByPooler.entrySet()) {
            JsonNode p = poolers.get(e.getKey());
            JsonNode params = p.at("/spec/pgbouncer/parameters");
            int perDatabase = Math.min(Integer.parseInt(params.path("default_pool_size").asText("20")),
                    Integer.parseInt(params.path("max_db_connections").asText("100000")))
                    + Integer.parseInt(params.path("reserve_pool_size").asText("0"));
            pooled += p.at("/spec/instances").asInt(1) * e.getValue().size() * perDatabase;
        }
        assertThat(direct + pooled).as(overlay + ": booking-api direct " + direct + " + PgBouncer " + pooled
                + " must fit max_connections " + max + " minus " + RESERVED_CONNECTIONS).isLessThanOrEqualTo(max - RESERVED_CONNECTIONS);
        String ops = ServiceCode.read(ServiceCode.ROOT.resolve("docs/operations.md"));
        if (overlay.equals("prod")) {
            assertThat(ops).as("docs/operations.md writes the budget down").contains("max_connections " + max)
                    .contains(direct + " + " + pooled + " = " + (direct + pooled));
        }
    }

    /** Metrics that come from elsewhere than our code, and where from. */
    static final Map<String, String> FOREIGN_METRICS = Map.ofEntries(
            Map.entry("up", "Prometheus (one per scraped target)"),
            Map.entry("http_server_requests_seconds_count", "Quarkus Micrometer HTTP server binder"),
            Map.entry("http_server_requests_seconds_sum", "Quarkus Micrometer HTTP server binder"),
            Map.entry("http_server_requests_seconds_max", "Quarkus Micrometer HTTP server binder"),
            Map.entry("http_server_requests_seconds_bucket", "Quarkus Micrometer HTTP server binder, with the buckets of "
                    + "service-observability's LatencyHistograms"),
            Map.entry("kafka_consumer_fetch_manager_records_lag_max", "Micrometer Kafka client binder (quarkus.micrometer.binder.kafka)"),
            Map.entry("kafka_consumergroup_lag", "Kafka Exporter (Strimzi kafkaExporter)"),
            Map.entry("kafka_topic_partition_current_offset", "Kafka Exporter (Strimzi kafkaExporter)"),
            Map.entry("kafka_topic_partition_oldest_offset", "Kafka Exporter (Strimzi kafkaExporter)"),
            Map.entry("cnpg_pgbouncer_pools_cl_waiting", "CloudNativePG Pooler exporter (SHOW POOLS)"),
            Map.entry("cnpg_backends_total", "CloudNativePG instance exporter (default queries)"));

    /** The Prometheus names of the meters our code registers, as Micrometer's Prometheus naming writes them. */
    static Set<String> metricsInCode() {
        Set<String> names = new TreeSet<>();
        java.util.regex.Pattern builder = java.util.regex.Pattern.compile(
                "(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\"([^\"]+)\"([^;]*)|\\.(counter|gauge|timer|summary)\\(\"([^\"]+)\"");
        for (String module : ServiceCode.MODULES) {
            var m = builder.matcher(ServiceCode.of(module).mainSources());
            while (m.find()) {
                String type = m.group(1) != null ? m.group(1) : m.group(4);
                String base = (m.group(2) != null ? m.group(2) : m.group(5)).replace('.', '_');
                String chain = m.group(3) == null ? "" : m.group(3);
                var unit = java.util.regex.Pattern.compile("\\.baseUnit\\(\"([a-z]+)\"\\)").matcher(chain);
                String name = unit.find() && !base.endsWith("_" + unit.group(1)) ? base + "_" + unit.group(1) : base;
                // a histogram (fixed bounds or Micrometer's own) publishes _bucket series as well
                List<String> suffixes = chain.contains(".serviceLevelObjectives(") || chain.contains(".publishPercentileHistogram(")
                        ? List.of("", "_count", "_sum", "_max", "_bucket") : List.of("", "_count", "_sum", "_max");
                switch (type.toLowerCase()) {
                    case "counter" -> names.add(name.endsWith("_total") ? name : name + "_total");
                    case "gauge" -> names.add(name);
                    case "timer" -> suffixes.forEach(x -> names.add(name + "_seconds" + x));
                    default -> suffixes.forEach(x -> names.add(name + x));
                }
            }
        }
        return names;
    }

    static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase", "delta",
            "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
            "histogram_quantile", "max_over_time", "min_over_time", "avg_over_time", "abs", "topk", "bottomk", "clamp_min", "clamp_max");

    static Set<String> metricsIn(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        var m = java.util.regex.Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (m.find()) {
            if (!PROMQL_WORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    @Test
    void alertsAndTheDashboardUseOnlyMetricsThatArePublishedAndEveryAlertHasItsRunbook() throws Exception {
        Set<String> known = new TreeSet<>(metricsInCode());
        known.addAll(FOREIGN_METRICS.keySet());
        assertThat(known).contains("bookings_batch_size_count", "outbox_relay_lag_seconds", "payment_refunds_owed_oldest_seconds",
                "bookings_requests_total", "booking_rate_limited_total", "payment_gateway_latency_seconds",
                "payment_gateway_latency_seconds_bucket", "analytics_projection_lag_seconds_bucket", "bookings_batch_size_bucket");
        assertThat(known).as("a meter that is no histogram has no buckets").doesNotContain("outbox_relay_lag_seconds_bucket");
        Map<String, Set<String>> used = new java.util.TreeMap<>();
        String ops = ServiceCode.read(ServiceCode.ROOT.resolve("docs/operations.md"));
        Set<String> anchors = new TreeSet<>();
        ops.lines().filter(l -> l.startsWith("#")).forEach(l -> anchors.add(
                l.replaceAll("^#+\\s*", "").toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-')));
        for (JsonNode rules : kind("PrometheusRule")) {
            for (JsonNode group : rules.at("/spec/groups")) {
                for (JsonNode rule : group.get("rules")) {
                    String alert = rule.path("alert").asText();
                    used.put("alert " + alert, metricsIn(rule.get("expr").asText()));
                    String runbook = rule.at("/annotations/runbook").asText();
                    assertThat(runbook).as(alert + " runbook").startsWith("docs/operations.md#");
                    assertThat(anchors).as(alert + ": its runbook section in docs/operations.md").contains(runbook.substring(runbook.indexOf('#') + 1));
                    assertThat(rule.at("/labels/severity").asText()).isIn("warning", "critical");
                }
            }
        }
        JsonNode dashboardMap = one("ConfigMap", "concert-tickets-dashboard");
        assertThat(dashboardMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        JsonNode dashboard = json.readTree(dashboardMap.at("/data/concert-tickets.json").asText());
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                used.put("panel " + panel.get("title").asText() + " " + target.get("refId").asText(), metricsIn(target.get("expr").asText()));
            }
        }
        assertThat(used).hasSizeGreaterThan(20);
        used.forEach((where, names) -> assertThat(known).as(overlay + " " + where + " uses metrics nobody publishes").containsAll(names));
    }

    @Test
    void everyPodMonitorScrapesAPortThePodsItSelectsHave() {
        JsonNode services = one("PodMonitor", "concert-tickets");
        assertThat(services.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("management");
        assertThat(services.at("/spec/podMetricsEndpoints/0/path").asText()).isEqualTo("/q/metrics");
        List<String> selected = new ArrayList<>();
        services.at("/spec/selector/matchExpressions/0/values").forEach(v -> selected.add(v.asText()));
        assertThat(selected).containsExactlyInAnyOrderElementsOf(ServiceCode.MODULES);
        for (String module : ServiceCode.MODULES) {
            assertThat(one("Deployment", module).at("/spec/template/spec/containers/0/ports").toString())
                    .contains("\"name\":\"management\",\"containerPort\":" + ServiceCode.of(module).managementPort());
        }
    }

    @Test
    void thisRenderingIsKubectlsWhereKubectlIsInstalled() throws Exception {
        java.util.Optional<Path> kubectl = java.util.stream.Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(kubectl.isPresent(), "no kubectl on PATH: the Java rendering stands alone");
        Process p = new ProcessBuilder(kubectl.get().toString(), "kustomize", OVERLAYS.resolve(overlay).toString())
                .redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor()).as("kubectl kustomize: " + err).isZero();
        List<JsonNode> theirs;
        try (var parser = new YAMLFactory().createParser(out)) {
            theirs = new YAMLMapper().readValues(parser, JsonNode.class).readAll().stream().filter(d -> d != null && !d.isEmpty()).toList();
        }
        Set<JsonNode> ours = new java.util.HashSet<>(documents);
        assertThat(new java.util.HashSet<>(theirs)).as(overlay + ": kubectl kustomize and Kustomize.render agree").isEqualTo(ours);
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
