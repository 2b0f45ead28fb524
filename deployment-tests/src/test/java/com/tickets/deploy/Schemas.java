package com.tickets.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The schemas of every kind our manifests use, kept in {@code src/test/resources/schemas} (see the README there for
 * where each comes from), and a validator for the part of JSON Schema that Kubernetes' structural schemas use:
 * {@code type}, {@code properties}, {@code additionalProperties}, {@code items}, {@code required}, {@code enum},
 * {@code minimum}, {@code $ref} (to {@code <file>#/definitions/<name>}), {@code x-kubernetes-int-or-string} and
 * {@code x-kubernetes-preserve-unknown-fields}.
 *
 * <p>Strict as {@code kubectl apply}'s default field validation (Strict since Kubernetes 1.27): an object with
 * {@code properties} and no {@code additionalProperties} admits no other field.
 */
final class Schemas {

    static final List<String> FILES = List.of("kubernetes.json", "strimzi.json", "cloudnative-pg.json", "keda.json",
            "prometheus-operator.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, JsonNode> files = new HashMap<>();

    Schemas() {
        for (String f : FILES) {
            files.put(f, load(f));
        }
    }

    static JsonNode load(String file) {
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no schema file " + file);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema of apiVersion/kind, or null when no schema file knows the kind. */
    JsonNode kind(String apiVersion, String kind) {
        for (String f : FILES) {
            JsonNode s = files.get(f).path("kinds").get(apiVersion + "/" + kind);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** What is wrong with an object: empty when it matches its kind's schema. */
    List<String> validate(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        List<String> errors = new ArrayList<>();
        JsonNode schema = kind(apiVersion, kind);
        if (schema == null) {
            errors.add(apiVersion + "/" + kind + ": no schema for this kind (an unknown kind or a wrong apiVersion)");
            return errors;
        }
        check(fileOf(apiVersion, kind), schema, object, kind + "/" + object.path("metadata").path("name").asText(), errors);
        return errors;
    }

    private String fileOf(String apiVersion, String kind) {
        for (String f : FILES) {
            if (files.get(f).path("kinds").has(apiVersion + "/" + kind)) {
                return f;
            }
        }
        throw new IllegalStateException();
    }

    private void check(String file, JsonNode schema, JsonNode value, String path, List<String> errors) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            String target = ref.startsWith("#") ? file : ref.substring(0, ref.indexOf('#'));
            String pointer = ref.substring(ref.indexOf('#') + 1);
            JsonNode root = files.get(target);
            if (root == null) {
                throw new IllegalStateException("schema $ref to unknown file " + ref);
            }
            JsonNode resolved = root.at(pointer);
            if (resolved.isMissingNode()) {
                throw new IllegalStateException("schema $ref " + ref + " resolves to nothing");
            }
            check(target, resolved, value, path, errors);
            return;
        }
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) && !schema.has("properties")) {
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isTextual() && !value.isIntegralNumber()) {
                errors.add(path + ": must be an integer or a string, is " + value.getNodeType());
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    errors.add(path + ": must be an object, is " + value.getNodeType());
                    return;
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    errors.add(path + ": must be a list, is " + value.getNodeType());
                    return;
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    errors.add(path + ": must be a string, is " + value.getNodeType() + " (" + value + "; quote it)");
                    return;
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    errors.add(path + ": must be an integer, is " + value.getNodeType());
                    return;
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    errors.add(path + ": must be a number, is " + value.getNodeType());
                    return;
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    errors.add(path + ": must be true or false, is " + value.getNodeType());
                    return;
                }
            }
            case "" -> {
            }
            default -> throw new IllegalStateException("schema type " + type + " at " + path);
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("minimum") && value.isNumber() && value.asDouble() < schema.get("minimum").asDouble()) {
            errors.add(path + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(path + ": missing required field " + required.asText());
                }
            }
            JsonNode properties = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String where = path + "." + field.getKey();
                if (properties != null && properties.has(field.getKey())) {
                    check(file, properties.get(field.getKey()), field.getValue(), where, errors);
                } else if (additional != null && additional.isObject()) {
                    check(file, additional, field.getValue(), where, errors);
                } else if (additional != null && additional.asBoolean(false)) {
                    continue;
                } else if (properties != null || (additional != null && !additional.asBoolean())) {
                    errors.add(where + ": unknown field");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode item : value) {
                check(file, schema.get("items"), item, path + "[" + i++ + "]", errors);
            }
        }
    }
}
