package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.Schema;

/**
 * Walks an Avro schema by field path: dotted field names from the root record ({@code customer.address.postcode}),
 * looking through unions, arrays and maps, the same paths a descriptor's {@code fieldTags} use.
 */
final class SchemaFields {
    private SchemaFields() {}

    /**
     * A record field at a path.
     *
     * @param path dotted path from the root record
     * @param field the field
     * @param owner the record type declaring it
     */
    record FieldAt(String path, Schema.Field field, Schema owner) {}

    /**
     * A named type (record, enum, fixed) where it first appears.
     *
     * @param path the path of the field holding it; empty for the root
     * @param schema the type
     */
    record NamedAt(String path, Schema schema) {}

    /** @return every record field reachable from {@code root}, depth first; a recursive type is not re-entered */
    static List<FieldAt> fields(Schema root) {
        List<FieldAt> found = new ArrayList<>();
        walkFields(root, "", found, new HashSet<>());
        return found;
    }

    /** @return every named type reachable from {@code root}, each once, at the first path it appears */
    static List<NamedAt> namedTypes(Schema root) {
        List<NamedAt> found = new ArrayList<>();
        walkNamed(root, "", found, new HashSet<>());
        return found;
    }

    /** @return the schema of the field at {@code path}; empty when no such field exists */
    static Optional<Schema> resolve(Schema root, String path) {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        Schema current = root;
        for (String name : path.split("\\.", -1)) {
            Optional<Schema> next = child(current, name, 0);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current);
    }

    static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private static Optional<Schema> child(Schema schema, String name, int depth) {
        if (depth > 32) {
            return Optional.empty();
        }
        return switch (schema.getType()) {
            case RECORD -> Optional.ofNullable(schema.getField(name)).map(Schema.Field::schema);
            case UNION ->
                schema.getTypes().stream()
                        .map(branch -> child(branch, name, depth + 1))
                        .flatMap(Optional::stream)
                        .findFirst();
            case ARRAY -> child(schema.getElementType(), name, depth + 1);
            case MAP -> child(schema.getValueType(), name, depth + 1);
            default -> Optional.empty();
        };
    }

    private static void walkFields(Schema schema, String path, List<FieldAt> found, Set<String> onPath) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!onPath.add(schema.getFullName())) {
                    return;
                }
                for (Schema.Field field : schema.getFields()) {
                    String fieldPath = join(path, field.name());
                    found.add(new FieldAt(fieldPath, field, schema));
                    walkFields(field.schema(), fieldPath, found, onPath);
                }
                onPath.remove(schema.getFullName());
            }
            case UNION -> schema.getTypes().forEach(branch -> walkFields(branch, path, found, onPath));
            case ARRAY -> walkFields(schema.getElementType(), path, found, onPath);
            case MAP -> walkFields(schema.getValueType(), path, found, onPath);
            default -> {
                // Primitives, enums and fixed have no fields.
            }
        }
    }

    private static void walkNamed(Schema schema, String path, List<NamedAt> found, Set<String> seen) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                found.add(new NamedAt(path, schema));
                for (Schema.Field field : schema.getFields()) {
                    walkNamed(field.schema(), join(path, field.name()), found, seen);
                }
            }
            case ENUM, FIXED -> {
                if (seen.add(schema.getFullName())) {
                    found.add(new NamedAt(path, schema));
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> walkNamed(branch, path, found, seen));
            case ARRAY -> walkNamed(schema.getElementType(), path, found, seen);
            case MAP -> walkNamed(schema.getValueType(), path, found, seen);
            default -> {
                // Primitives carry no name.
            }
        }
    }
}
