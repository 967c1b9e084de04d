package io.meshwork.sdk.serde.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

/**
 * Generated Avro classes with {@code stringType=String} mark every string with the Java-only property
 * {@code avro.java.string}; the {@code .avsc} they came from, and what other languages register, does not. Removing it
 * makes the class's schema the same schema to the registry. Not part of the public API.
 */
public final class JavaProperties {
    private static final String PROPERTY = "avro.java.string";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JavaProperties() {}

    /**
     * @param schema a schema, possibly of a generated class
     * @return its JSON text without any {@code avro.java.string} property
     */
    public static String removedFrom(Schema schema) {
        String text = schema.toString();
        if (!text.contains(PROPERTY)) {
            return text;
        }
        try {
            JsonNode tree = JSON.readTree(text);
            strip(tree);
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the schema " + schema.getFullName(), e);
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(PROPERTY);
        }
        node.forEach(JavaProperties::strip);
    }
}
