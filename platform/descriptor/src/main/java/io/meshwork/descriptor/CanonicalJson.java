package io.meshwork.descriptor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The canonical JSON form of a descriptor, as carried by lifecycle events: keys sorted, no insignificant whitespace,
 * UTF-8, absent optional fields omitted. {@code read(write(d))} equals {@code d}.
 *
 * <p>The form, field by field, is the YAML one (see {@code docs/descriptor.md}) with these choices: keys sorted by
 * UTF-16 code unit at every level; null fields, empty lists and empty maps omitted; enums lowercase
 * ({@code "internal"}, {@code "dlq"}, {@code "blocker"}); compatibility uppercase as stored; schema sources always
 * long form ({@code {"path":...}} or {@code {"class":...}}); dates {@code YYYY-MM-DD}; the deprecation successor as
 * {@code <id>.v<major>}; durations in the short form with the largest exact unit of {@code d, h, m, s, ms}
 * ({@code "7d"}, {@code "90m"}, {@code "1500ms"}), ISO-8601 only below a millisecond, and {@code "infinite"} for
 * {@link OutputPort#INFINITE_RETENTION}. Two equal descriptors have byte-identical canonical JSON.
 */
public final class CanonicalJson {
    /** The file name problems from {@link #read} carry. */
    public static final String FILE = "<json>";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CanonicalJson() {}

    /** @return the canonical JSON text of {@code descriptor} */
    public static String write(ProductDescriptor descriptor) {
        Map<String, Object> root = object();
        put(root, "id", descriptor.id());
        put(root, "version", descriptor.version());
        put(root, "domain", descriptor.domain());
        put(root, "title", descriptor.title());
        put(root, "description", descriptor.description());
        if (descriptor.owner() != null) {
            Map<String, Object> owner = object();
            put(owner, "team", descriptor.owner().team());
            put(owner, "email", descriptor.owner().email());
            put(root, "owner", owner);
        }
        if (descriptor.support() != null) {
            Map<String, Object> support = object();
            put(support, "channel", descriptor.support().channel());
            put(support, "url", descriptor.support().url());
            put(root, "support", support);
        }
        put(root, "tags", descriptor.tags());
        if (descriptor.classification() != null) {
            put(root, "classification", descriptor.classification().yamlName());
        }
        List<Object> outputs = new ArrayList<>();
        for (OutputPort port : descriptor.outputPorts()) {
            outputs.add(outputPort(port));
        }
        put(root, "outputPorts", outputs);
        List<Object> inputs = new ArrayList<>();
        for (InputPort port : descriptor.inputPorts()) {
            Map<String, Object> input = object();
            put(input, "product", port.product());
            put(input, "major", port.major());
            put(input, "topic", port.topic());
            inputs.add(input);
        }
        put(root, "inputPorts", inputs);
        if (descriptor.slos() != null) {
            Slos slos = descriptor.slos();
            Map<String, Object> map = object();
            put(map, "freshness", slos.freshness() == null ? null : DurationText.format(slos.freshness(), false));
            put(map, "availability", slos.availability());
            put(map, "throughputPerSecond", slos.throughputPerSecond());
            put(root, "slos", map);
        }
        List<Object> rules = new ArrayList<>();
        for (QualityRule rule : descriptor.quality()) {
            Map<String, Object> map = object();
            put(map, "name", rule.name());
            put(map, "expression", rule.expression());
            put(map, "action", rule.action() == null ? null : rule.action().yamlName());
            rules.add(map);
        }
        put(root, "quality", rules);
        if (descriptor.terms() != null) {
            Map<String, Object> terms = object();
            put(terms, "usage", descriptor.terms().usage());
            put(terms, "limitations", descriptor.terms().limitations());
            put(root, "terms", terms);
        }
        if (descriptor.deprecation() != null) {
            Deprecation d = descriptor.deprecation();
            Map<String, Object> map = object();
            if (d.successorProduct() != null) {
                put(map, "successor", d.successorProduct() + ".v" + d.successorMajor());
            }
            put(map, "sunset", d.sunset() == null ? null : d.sunset().toString());
            put(map, "reason", d.reason());
            put(root, "deprecation", map);
        }
        Map<String, Object> policies = object();
        descriptor.policies().forEach((id, severity) -> put(policies, id, severity.yamlName()));
        put(root, "policies", policies);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps, lists, strings and numbers always serialize", e);
        }
    }

    /**
     * @param json canonical (or any equivalent) JSON text
     * @return the descriptor
     * @throws DescriptorException as {@link DescriptorParser#parse}, with file name {@code <json>}
     */
    public static ProductDescriptor read(String json) throws DescriptorException {
        return DescriptorParser.parse(FILE, json).descriptor();
    }

    private static Map<String, Object> outputPort(OutputPort port) {
        Map<String, Object> map = object();
        put(map, "topic", port.topic());
        put(map, "schema", schemaSource(port.schema()));
        put(map, "keySchema", schemaSource(port.keySchema()));
        put(map, "partitions", port.partitions());
        put(map, "retention", port.retention() == null ? null : DurationText.format(port.retention(), true));
        put(map, "compatibility", port.compatibility());
        Map<String, Object> fieldTags = object();
        port.fieldTags().forEach((field, tags) -> put(fieldTags, field, tags));
        put(map, "fieldTags", fieldTags);
        return map;
    }

    private static Map<String, Object> schemaSource(SchemaSource source) {
        if (source == null) {
            return null;
        }
        Map<String, Object> map = object();
        put(map, "path", source.path());
        put(map, "class", source.className());
        return map;
    }

    /** A JSON object whose keys serialize sorted, whatever order they were put in. */
    private static Map<String, Object> object() {
        return new TreeMap<>();
    }

    /** Puts a value unless it is absent: null, an empty list or an empty map. */
    private static void put(Map<String, Object> map, String key, Object value) {
        if (value == null
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty()) {
            return;
        }
        map.put(key, value);
    }
}
