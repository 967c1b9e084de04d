package io.meshwork.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/** Parses Avro schemas with their references and renders the forms that decide sameness. */
final class AvroSchemas {
    static final String AVRO = "AVRO";
    private static final int MAX_REFERENCE_DEPTH = 32;
    private static final Set<String> PRIMITIVES =
            Set.of("null", "boolean", "int", "long", "float", "double", "bytes", "string");

    private AvroSchemas() {}

    /** A parsed schema and the text the registry stores for it. */
    record Parsed(Schema schema, String canonical) {}

    /**
     * Parses {@code text}, first parsing every referenced schema (resolved through {@code lookup}) into the same name
     * space.
     *
     * @param lookup (subject, version) → stored schema of a reference
     * @throws RegistryException 42201 with the parser's reason when the schema or a reference is invalid
     */
    static Parsed parse(
            String text,
            List<SchemaReference> references,
            BiFunction<String, Integer, StoredSchema> lookup,
            boolean normalize) {
        Schema.Parser parser = new Schema.Parser();
        Set<String> seen = new HashSet<>();
        for (SchemaReference reference : references) {
            parseReference(parser, reference, lookup, seen, 1);
        }
        // Types defined by references are written by name in the stored text, as the client sent them.
        List<Schema> referenced = new ArrayList<>(parser.getTypes().values());
        Schema schema;
        try {
            schema = parser.parse(text);
        } catch (RuntimeException e) {
            throw RegistryException.invalidSchema("Invalid Avro schema: " + reason(e)
                    + ". Fix the schema text (it must be a JSON Avro schema: a primitive name, a record, enum,"
                    + " array, map, fixed or union); if it uses types registered elsewhere, list them in"
                    + " \"references\".");
        }
        String canonical = referenced.isEmpty() ? schema.toString() : schema.toString(referenced, false);
        return new Parsed(schema, normalize ? normalized(canonical) : canonical);
    }

    private static void parseReference(
            Schema.Parser parser,
            SchemaReference reference,
            BiFunction<String, Integer, StoredSchema> lookup,
            Set<String> seen,
            int depth) {
        if (depth > MAX_REFERENCE_DEPTH) {
            throw RegistryException.invalidSchema(
                    "References nest deeper than " + MAX_REFERENCE_DEPTH + " levels; is there a cycle?");
        }
        if (reference.name() == null || reference.name().isBlank() || reference.subject() == null) {
            throw RegistryException.invalidSchema(
                    "Every reference needs a \"name\", a \"subject\" and a \"version\"; got " + reference + ".");
        }
        if (!seen.add(reference.subject() + "/" + reference.version())) {
            return;
        }
        StoredSchema stored = lookup.apply(reference.subject(), reference.version());
        if (stored == null) {
            throw RegistryException.invalidSchema("Reference '" + reference.name() + "' points at subject '"
                    + reference.subject() + "' version " + reference.version()
                    + ", which is not registered. Register it first, or fix the reference.");
        }
        for (SchemaReference nested : stored.references()) {
            parseReference(parser, nested, lookup, seen, depth + 1);
        }
        try {
            parser.parse(stored.schema());
        } catch (RuntimeException e) {
            // Already defined through another path: the parser keeps the first definition.
            if (!reason(e).contains("Can't redefine")) {
                throw RegistryException.invalidSchema(
                        "Referenced schema '" + reference.name() + "' is invalid: " + reason(e) + ".");
            }
        }
    }

    /**
     * The normalized form: JSON object keys sorted, primitive types written as plain names. Two schemas that differ
     * only in key order or in {@code {"type":"int"}} against {@code "int"} normalize to the same text.
     */
    static String normalized(String canonical) {
        try {
            JsonNode tree = RegistryRecord.JSON.readTree(canonical);
            return RegistryRecord.JSON.writeValueAsString(normalize(tree));
        } catch (JsonProcessingException e) {
            return canonical;
        }
    }

    private static JsonNode normalize(JsonNode node) {
        if (node.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> array.add(normalize(element)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1
                && node.has("type")
                && node.get("type").isTextual()
                && PRIMITIVES.contains(node.get("type").asText())) {
            return node.get("type");
        }
        Map<String, JsonNode> sorted = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            boolean keepAsIs =
                    field.getKey().equals("default") || field.getKey().equals("doc");
            sorted.put(field.getKey(), keepAsIs ? field.getValue() : normalize(field.getValue()));
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        sorted.forEach(result::set);
        return result;
    }

    static String reason(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** Named types of a schema, for the compatibility messages. */
    static List<String> fieldNames(Schema schema) {
        List<String> names = new ArrayList<>();
        if (schema.getType() == Schema.Type.RECORD) {
            schema.getFields().forEach(field -> names.add(field.name()));
        }
        return names;
    }
}
