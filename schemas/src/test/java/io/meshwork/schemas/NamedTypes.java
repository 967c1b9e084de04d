package io.meshwork.schemas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

/** Every named type (record, enum, fixed) reachable from a root schema, for tests that inspect whole contracts. */
final class NamedTypes {

    private NamedTypes() {}

    /** The named types reachable from {@code roots}, each once, by full name, in the order first met. */
    static List<Schema> reachableFrom(Schema... roots) {
        Map<String, Schema> found = new LinkedHashMap<>();
        for (Schema root : roots) {
            collect(root, found);
        }
        return new ArrayList<>(found.values());
    }

    private static void collect(Schema schema, Map<String, Schema> found) {
        switch (schema.getType()) {
            case RECORD -> {
                if (found.putIfAbsent(schema.getFullName(), schema) == null) {
                    schema.getFields().forEach(field -> collect(field.schema(), found));
                }
            }
            case ENUM, FIXED -> found.putIfAbsent(schema.getFullName(), schema);
            case ARRAY -> collect(schema.getElementType(), found);
            case MAP -> collect(schema.getValueType(), found);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, found));
            default -> {
                // primitives (with or without a logical type) have no name and no doc of their own
            }
        }
    }
}
