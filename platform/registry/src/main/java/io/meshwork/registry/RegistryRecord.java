package io.meshwork.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record of the registry log ({@code _mesh.registry}): a JSON key naming what it is about and a JSON value with
 * its content, or no value (a tombstone) to delete it. Keys are written with a fixed field order so that compaction
 * keeps exactly the newest record per thing.
 *
 * <table>
 *   <caption>Record kinds</caption>
 *   <tr><th>key</th><th>value</th></tr>
 *   <tr><td>{@code {"keytype":"SCHEMA","subject":s,"version":v}}</td>
 *       <td>{@code {subject, version, id, schemaType, schema, references, metadata, ruleSet, deleted}}; tombstone =
 *       hard delete</td></tr>
 *   <tr><td>{@code {"keytype":"CONFIG","subject":s|null}}</td><td>{@code {compatibilityLevel}}; tombstone =
 *       removed</td></tr>
 *   <tr><td>{@code {"keytype":"MODE","subject":s|null}}</td><td>{@code {mode}}; tombstone = removed</td></tr>
 *   <tr><td>{@code {"keytype":"ID_WATERMARK"}}</td><td>{@code {maxId}}: ids are never reused</td></tr>
 *   <tr><td>{@code {"keytype":"VERSION_WATERMARK","subject":s}}</td><td>{@code {maxVersion}}: versions are never
 *       reused</td></tr>
 * </table>
 */
record RegistryRecord(String kind, String subject, Integer version, JsonNode value) {
    static final String SCHEMA = "SCHEMA";
    static final String CONFIG = "CONFIG";
    static final String MODE = "MODE";
    static final String ID_WATERMARK = "ID_WATERMARK";
    static final String VERSION_WATERMARK = "VERSION_WATERMARK";

    static final ObjectMapper JSON = new ObjectMapper();

    boolean isTombstone() {
        return value == null;
    }

    byte[] keyBytes() {
        ObjectNode key = JSON.createObjectNode();
        key.put("keytype", kind);
        if (!ID_WATERMARK.equals(kind)) {
            key.put("subject", subject);
        }
        if (SCHEMA.equals(kind)) {
            key.put("version", version);
        }
        return bytes(key);
    }

    byte[] valueBytes() {
        return value == null ? null : bytes(value);
    }

    static RegistryRecord schema(SubjectVersion version, StoredSchema schema) {
        ObjectNode value = JSON.createObjectNode();
        value.put("subject", version.subject());
        value.put("version", version.version());
        value.put("id", schema.id());
        value.put("schemaType", schema.schemaType());
        value.put("schema", schema.schema());
        ArrayNode references = value.putArray("references");
        for (SchemaReference reference : schema.references()) {
            references
                    .addObject()
                    .put("name", reference.name())
                    .put("subject", reference.subject())
                    .put("version", reference.version());
        }
        if (schema.metadata() != null) {
            value.set("metadata", schema.metadata());
        }
        if (schema.ruleSet() != null) {
            value.set("ruleSet", schema.ruleSet());
        }
        value.put("deleted", version.deleted());
        return new RegistryRecord(SCHEMA, version.subject(), version.version(), value);
    }

    static RegistryRecord schemaTombstone(String subject, int version) {
        return new RegistryRecord(SCHEMA, subject, version, null);
    }

    static RegistryRecord config(String subject, CompatibilityLevel level) {
        ObjectNode value = level == null ? null : JSON.createObjectNode().put("compatibilityLevel", level.name());
        return new RegistryRecord(CONFIG, subject, null, value);
    }

    static RegistryRecord mode(String subject, RegistryMode mode) {
        ObjectNode value = mode == null ? null : JSON.createObjectNode().put("mode", mode.name());
        return new RegistryRecord(MODE, subject, null, value);
    }

    static RegistryRecord idWatermark(int maxId) {
        return new RegistryRecord(
                ID_WATERMARK, null, null, JSON.createObjectNode().put("maxId", maxId));
    }

    static RegistryRecord versionWatermark(String subject, int maxVersion) {
        return new RegistryRecord(
                VERSION_WATERMARK, subject, null, JSON.createObjectNode().put("maxVersion", maxVersion));
    }

    /**
     * Decodes a log record.
     *
     * @throws IllegalArgumentException when the key or value is not a registry record (the reader skips it)
     */
    static RegistryRecord decode(byte[] keyBytes, byte[] valueBytes) {
        if (keyBytes == null) {
            throw new IllegalArgumentException("record without a key");
        }
        try {
            JsonNode key = JSON.readTree(keyBytes);
            String kind = key.path("keytype").asText(null);
            if (kind == null) {
                throw new IllegalArgumentException("key without keytype");
            }
            JsonNode subjectNode = key.get("subject");
            String subject = subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
            Integer version = key.hasNonNull("version") ? key.get("version").asInt() : null;
            JsonNode value = valueBytes == null ? null : JSON.readTree(valueBytes);
            if (value != null && !value.isObject()) {
                throw new IllegalArgumentException("value is not a JSON object");
            }
            return new RegistryRecord(kind, subject, version, value);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    static List<SchemaReference> references(JsonNode array) {
        List<SchemaReference> references = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode reference : array) {
                references.add(new SchemaReference(
                        reference.path("name").asText(),
                        reference.path("subject").asText(),
                        reference.path("version").asInt()));
            }
        }
        return references;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode registry record", e);
        }
    }
}
