package com.tickets.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the part of kustomize our overlays use, so
 * the deployment tests check what {@code kubectl apply -k} would send without a kubectl on the machine.
 *
 * <p>Supported: {@code resources} (files and directories with a kustomization), {@code namespace} (set on every
 * namespaced object; a Namespace object is renamed to it, as kustomize does), {@code labels} with {@code pairs}
 * only (metadata labels, no selectors, no templates), {@code images} ({@code newName}, {@code newTag} on any
 * {@code containers}/{@code initContainers} image), {@code patches} (a strategic-merge patch from {@code path} or
 * inline, or a JSON 6902 patch with a {@code target} of kind, name (a regular expression), group and version),
 * and {@code configMapGenerator} with {@code files}, {@code literals} and {@code options.labels}, only with
 * {@code disableNameSuffixHash: true} (a hashed name would need every reference rewritten).
 *
 * <p>Anything else in a kustomization (and any patch operation other than add, remove, replace and test) fails
 * the rendering, so an overlay cannot quietly use a feature this renderer would ignore. Where kubectl is
 * installed, {@code KubernetesManifestsTest} compares this rendering with {@code kubectl kustomize}'s.
 */
final class Kustomize {

    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images",
            "patches", "configMapGenerator");
    /** Kinds without a namespace among those we use. */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "ClusterIssuer", "PriorityClass");
    /** Strategic-merge keys of the lists our patches may touch (the Kubernetes API's patchMergeKey). */
    private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
            "env", "name", "ports", "containerPort", "volumes", "name", "volumeMounts", "mountPath",
            "topologySpreadConstraints", "topologyKey", "imagePullSecrets", "name");

    private static final YAMLMapper YAML = new YAMLMapper();

    private Kustomize() {
    }

    /** The objects {@code kubectl kustomize dir} prints, in the order of the kustomization's resources. */
    static List<ObjectNode> render(Path dir) {
        JsonNode k = readYaml(dir.resolve("kustomization.yaml")).get(0);
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!KNOWN.contains(field)) {
                throw new IllegalStateException(dir + ": kustomization field '" + field + "' is not supported by this renderer");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(render(p));
            } else {
                readYaml(p).forEach(d -> objects.add((ObjectNode) d));
            }
        }
        for (JsonNode g : k.path("configMapGenerator")) {
            objects.add(configMap(dir, g));
        }
        for (JsonNode patch : k.path("patches")) {
            applyPatch(dir, patch, objects);
        }
        for (JsonNode image : k.path("images")) {
            objects.forEach(o -> setImages(o, image));
        }
        for (JsonNode label : k.path("labels")) {
            for (Iterator<String> it = label.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("pairs") && !(Set.of("includeSelectors", "includeTemplates").contains(f) && !label.get(f).asBoolean())) {
                    throw new IllegalStateException(dir + ": labels." + f + " is not supported by this renderer");
                }
            }
            objects.forEach(o -> {
                ObjectNode labels = ((ObjectNode) o.get("metadata")).withObject("labels");
                label.get("pairs").fields().forEachRemaining(e -> labels.set(e.getKey(), e.getValue()));
            });
        }
        if (k.has("namespace")) {
            String ns = k.get("namespace").asText();
            for (ObjectNode o : objects) {
                ObjectNode meta = (ObjectNode) o.get("metadata");
                if (o.get("kind").asText().equals("Namespace")) {
                    meta.put("name", ns);
                } else if (!CLUSTER_SCOPED.contains(o.get("kind").asText())) {
                    meta.put("namespace", ns);
                }
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        for (ObjectNode o : objects) {
            String id = o.get("apiVersion").asText().replaceAll("/.*", "") + "/" + o.get("kind").asText() + "/"
                    + o.get("metadata").path("namespace").asText("") + "/" + o.get("metadata").get("name").asText();
            if (!ids.add(id)) {
                throw new IllegalStateException(dir + ": two objects " + id);
            }
        }
        return objects;
    }

    static List<JsonNode> readYaml(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            return YAML.readValues(parser, JsonNode.class).readAll().stream().filter(d -> d != null && !d.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static ObjectNode configMap(Path dir, JsonNode g) {
        for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("name", "files", "literals", "options").contains(f)) {
                throw new IllegalStateException(dir + ": configMapGenerator." + f + " is not supported by this renderer");
            }
        }
        JsonNode options = g.path("options");
        if (!options.path("disableNameSuffixHash").asBoolean(false)) {
            throw new IllegalStateException(dir + ": configMapGenerator " + g.get("name") + " needs disableNameSuffixHash: true here");
        }
        ObjectNode cm = JsonNodeFactory.instance.objectNode();
        cm.put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode meta = cm.putObject("metadata");
        meta.put("name", g.get("name").asText());
        if (options.has("labels")) {
            meta.set("labels", options.get("labels").deepCopy());
        }
        ObjectNode data = cm.putObject("data");
        for (JsonNode f : g.path("files")) {
            String spec = f.asText();
            String key = spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : Path.of(spec).getFileName().toString();
            String file = spec.contains("=") ? spec.substring(spec.indexOf('=') + 1) : spec;
            try {
                data.put(key, Files.readString(dir.resolve(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (JsonNode l : g.path("literals")) {
            String s = l.asText();
            data.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
        }
        return cm;
    }

    private static void applyPatch(Path dir, JsonNode patch, List<ObjectNode> objects) {
        String text;
        try {
            text = patch.has("path") ? Files.readString(dir.resolve(patch.get("path").asText())) : patch.get("patch").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode body;
        try {
            body = YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode target = patch.path("target");
        for (Iterator<String> it = target.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("kind", "name", "group", "version").contains(f)) {
                throw new IllegalStateException(dir + ": patch target " + f + " is not supported by this renderer");
            }
        }
        int matched = 0;
        for (int i = 0; i < objects.size(); i++) {
            ObjectNode o = objects.get(i);
            if (body.isArray()) {
                if (!matches(target, o)) {
                    continue;
                }
                for (JsonNode op : body) {
                    jsonPatch(o, op);
                }
            } else {
                JsonNode t = target.isMissingNode() ? body : target;
                String name = target.isMissingNode() ? body.get("metadata").get("name").asText() : target.path("name").asText(null);
                String kind = t.get("kind").asText();
                if (!o.get("kind").asText().equals(kind) || (name != null && !Pattern.matches(name, o.get("metadata").get("name").asText()))) {
                    continue;
                }
                merge(o, body);
            }
            matched++;
        }
        if (matched == 0) {
            throw new IllegalStateException(dir + ": patch " + patch + " matches no object");
        }
    }

    private static boolean matches(JsonNode target, ObjectNode o) {
        String apiVersion = o.get("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return (!target.has("kind") || target.get("kind").asText().equals(o.get("kind").asText()))
                && (!target.has("name") || Pattern.matches(target.get("name").asText(), o.get("metadata").get("name").asText()))
                && (!target.has("group") || target.get("group").asText().equals(group))
                && (!target.has("version") || target.get("version").asText().equals(version));
    }

    /** RFC 6902: add, remove, replace, test. */
    static void jsonPatch(ObjectNode root, JsonNode op) {
        String path = op.get("path").asText();
        List<String> tokens = new ArrayList<>();
        for (String t : path.substring(1).split("/", -1)) {
            tokens.add(t.replace("~1", "/").replace("~0", "~"));
        }
        JsonNode parent = root;
        for (String t : tokens.subList(0, tokens.size() - 1)) {
            parent = parent.isArray() ? parent.get(Integer.parseInt(t)) : parent.get(t);
            if (parent == null) {
                throw new IllegalStateException("patch path " + path + " does not exist in " + root.get("metadata").get("name"));
            }
        }
        String last = tokens.get(tokens.size() - 1);
        String name = op.get("op").asText();
        switch (name) {
            case "add", "replace" -> {
                JsonNode value = op.get("value").deepCopy();
                if (parent instanceof ArrayNode a) {
                    if (last.equals("-")) {
                        a.add(value);
                    } else if (name.equals("add")) {
                        a.insert(Integer.parseInt(last), value);
                    } else {
                        requireIndex(a, last, path);
                        a.set(Integer.parseInt(last), value);
                    }
                } else {
                    if (name.equals("replace") && !parent.has(last)) {
                        throw new IllegalStateException("replace of missing " + path + " in " + root.get("metadata").get("name"));
                    }
                    ((ObjectNode) parent).set(last, value);
                }
            }
            case "remove" -> {
                if (parent instanceof ArrayNode a) {
                    requireIndex(a, last, path);
                    a.remove(Integer.parseInt(last));
                } else if (((ObjectNode) parent).remove(last) == null) {
                    throw new IllegalStateException("remove of missing " + path);
                }
            }
            case "test" -> {
                JsonNode actual = parent.isArray() ? parent.get(Integer.parseInt(last)) : parent.get(last);
                if (!op.get("value").equals(actual)) {
                    throw new IllegalStateException("test failed at " + path);
                }
            }
            default -> throw new IllegalStateException("JSON patch op " + name + " is not supported by this renderer");
        }
    }

    private static void requireIndex(ArrayNode a, String index, String path) {
        if (Integer.parseInt(index) >= a.size()) {
            throw new IllegalStateException("patch path " + path + " is past the end of its list");
        }
    }

    /** Strategic merge: maps merge, lists with a known merge key merge by it, other lists and scalars replace. */
    static void merge(ObjectNode into, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            JsonNode existing = into.get(key);
            if (value.isNull()) {
                into.remove(key);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                merge((ObjectNode) existing, value);
            } else if (value.isArray() && existing != null && existing.isArray() && MERGE_KEYS.containsKey(key)) {
                String mergeKey = MERGE_KEYS.get(key);
                for (JsonNode item : value) {
                    ObjectNode same = null;
                    for (JsonNode old : existing) {
                        if (old.path(mergeKey).equals(item.path(mergeKey))) {
                            same = (ObjectNode) old;
                        }
                    }
                    if (same != null) {
                        merge(same, item);
                    } else {
                        ((ArrayNode) existing).add(item.deepCopy());
                    }
                }
            } else {
                into.set(key, value.deepCopy());
            }
        });
    }

    private static void setImages(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers")) && e.getValue().isArray()) {
                    for (JsonNode c : e.getValue()) {
                        if (c.has("image")) {
                            String img = c.get("image").asText();
                            String name = img.replaceAll("[:@].*$", "");
                            if (name.equals(image.get("name").asText())) {
                                String tag = img.contains(":") ? img.substring(img.indexOf(':') + 1) : null;
                                String newName = image.path("newName").asText(name);
                                String newTag = image.path("newTag").asText(tag);
                                ((ObjectNode) c).set("image", TextNode.valueOf(newTag == null ? newName : newName + ":" + newTag));
                            }
                        }
                    }
                }
                setImages(e.getValue(), image);
            });
        } else if (node.isArray()) {
            node.forEach(n -> setImages(n, image));
        }
    }
}
