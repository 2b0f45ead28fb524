package com.tickets.deploy;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code schemas/kubernetes.json}: a JSON schema per built-in kind our manifests use, derived from the fabric8
 * Kubernetes model (io.fabric8:kubernetes-model-*, itself generated from the Kubernetes API's OpenAPI document),
 * one definition per model class, named by the class without its package root. Field names and types come from the
 * model; the model does not say which fields are required or which strings are enums, so neither does this schema.
 * {@code SchemasTest} fails when the kept file differs from what the model on the class path gives
 * ({@code -Dschemas.write=true} rewrites it).
 */
final class KubernetesSchemaGenerator {

    static final Map<String, Class<?>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("v1/Namespace", Namespace.class);
        KINDS.put("v1/ConfigMap", ConfigMap.class);
        KINDS.put("v1/Service", Service.class);
        KINDS.put("apps/v1/Deployment", Deployment.class);
        KINDS.put("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
        KINDS.put("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);
        KINDS.put("networking.k8s.io/v1/Ingress", Ingress.class);
        KINDS.put("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);
    }

    private static final String ROOT = "io.fabric8.kubernetes.api.model.";
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private final Map<String, ObjectNode> definitions = new TreeMap<>();
    private final Deque<Class<?>> pending = new ArrayDeque<>();

    static String name(Class<?> type) {
        return type.getName().startsWith(ROOT) ? type.getName().substring(ROOT.length()) : type.getName();
    }

    String generate() {
        ObjectNode file = mapper.createObjectNode();
        String jar = Deployment.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        String version = jar.replaceAll(".*kubernetes-model-apps-([^/]+)\\.jar$", "$1");
        file.put("source", "io.fabric8:kubernetes-model-* " + version
                + " (generated from the Kubernetes OpenAPI document); written by KubernetesSchemaGenerator");
        ObjectNode kinds = file.putObject("kinds");
        KINDS.forEach((kind, type) -> kinds.putObject(kind).put("$ref", "#/definitions/" + name(type)));
        KINDS.values().forEach(pending::add);
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (!definitions.containsKey(name(type))) {
                definitions.put(name(type), describe(type));
            }
        }
        ObjectNode defs = file.putObject("definitions");
        definitions.forEach(defs::set);
        try {
            return mapper.writeValueAsString(file) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode describe(Class<?> type) {
        ObjectNode schema = mapper.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        BeanDescription bean = mapper.getDeserializationConfig().introspect(mapper.constructType(type));
        Map<String, ObjectNode> sorted = new TreeMap<>();
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (p.getName().equals("additionalProperties") || !p.couldDeserialize()) {
                continue;
            }
            sorted.put(p.getName(), of(p.getPrimaryType()));
        }
        sorted.forEach(properties::set);
        return schema;
    }

    private ObjectNode of(JavaType t) {
        Class<?> raw = t.getRawClass();
        ObjectNode s = mapper.createObjectNode();
        if (raw == String.class) {
            s.put("type", "string");
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            s.put("type", "integer");
        } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            s.put("type", "number");
        } else if (raw == Boolean.class || raw == boolean.class) {
            s.put("type", "boolean");
        } else if (raw == IntOrString.class || raw == Quantity.class) {
            s.put("x-kubernetes-int-or-string", true);
        } else if (raw.isEnum()) {
            s.put("type", "string");
        } else if (t.isCollectionLikeType()) {
            s.put("type", "array").set("items", of(t.getContentType()));
        } else if (t.isMapLikeType()) {
            s.put("type", "object").set("additionalProperties", of(t.getContentType()));
        } else if (raw.getName().startsWith("io.fabric8.")) {
            pending.push(raw);
            s.put("$ref", "#/definitions/" + name(raw));
        } else {
            // Object, JsonNode, ...: anything (e.g. JSON patch values)
            s.put("x-kubernetes-preserve-unknown-fields", true);
        }
        return s;
    }
}
