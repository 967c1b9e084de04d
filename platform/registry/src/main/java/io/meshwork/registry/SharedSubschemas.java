package io.meshwork.registry;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;

/**
 * Rebuilds a schema so that equal sub-schemas without records in them (primitives, enums, fixed, and the unions,
 * arrays and maps made of those) are one shared instance, in that schema and across every schema rebuilt here.
 *
 * <p>Why: Avro's {@code SchemaCompatibility} remembers, for one reader/writer check, the result of each pair of
 * sub-schema <em>instances</em> it has compared. A parsed schema has a new instance for every occurrence of
 * {@code ["null","long"]}, so a record of 120 optional fields is compared field type by field type, union branch by
 * union branch, 120 times over. With shared instances the second and later occurrences are one lookup; a registration
 * against 100 prior versions of a 120-field record is checked about five times faster.
 *
 * <p>The verdict (compatible or not) is the same as for the parsed schema: records are rebuilt one for one (a named
 * record referenced twice stays one instance, recursion included), and a shared sub-schema has no record in it, so no
 * recursion passes through it. The <em>messages</em> may differ, because Avro remembers an incompatible pair with the
 * location of its first occurrence; {@link CompatibilityChecker} therefore explains an incompatibility with the parsed
 * schemas. The rebuilt schema is equal to the parsed one and prints the same JSON.
 */
final class SharedSubschemas {
    // Bounds what arbitrary registrations can add to the table; beyond it a sub-schema is simply not shared.
    private static final int MAX_SHARED = 4_096;
    private static final int MAX_SHARED_JSON_LENGTH = 2_048;
    private static final Map<String, Schema> SHARED = new ConcurrentHashMap<>();

    private SharedSubschemas() {}

    /** @return a schema equal to {@code schema} whose record-free sub-schemas are shared instances */
    static Schema share(Schema schema) {
        return rebuild(schema, new IdentityHashMap<>());
    }

    private static Schema rebuild(Schema schema, Map<Schema, Schema> rebuilt) {
        if (!containsRecord(schema, new IdentityHashMap<>())) {
            return shared(schema);
        }
        Schema done = rebuilt.get(schema);
        if (done != null) {
            return done;
        }
        if (schema.getLogicalType() != null) {
            // A logical type is an object beside the JSON; keep such a schema (and what is under it) as parsed.
            return schema;
        }
        return switch (schema.getType()) {
            case RECORD -> {
                Schema record =
                        Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), schema.isError());
                rebuilt.put(schema, record);
                schema.getAliases().forEach(record::addAlias);
                record.addAllProps(schema);
                List<Schema.Field> fields = new ArrayList<>(schema.getFields().size());
                for (Schema.Field field : schema.getFields()) {
                    fields.add(new Schema.Field(field, rebuild(field.schema(), rebuilt)));
                }
                record.setFields(fields);
                yield record;
            }
            case UNION -> {
                List<Schema> branches = new ArrayList<>(schema.getTypes().size());
                for (Schema branch : schema.getTypes()) {
                    branches.add(rebuild(branch, rebuilt));
                }
                yield Schema.createUnion(branches);
            }
            case ARRAY -> {
                Schema array = Schema.createArray(rebuild(schema.getElementType(), rebuilt));
                array.addAllProps(schema);
                yield array;
            }
            case MAP -> {
                Schema map = Schema.createMap(rebuild(schema.getValueType(), rebuilt));
                map.addAllProps(schema);
                yield map;
            }
            default -> schema;
        };
    }

    private static Schema shared(Schema schema) {
        if (SHARED.size() >= MAX_SHARED) {
            return schema;
        }
        String json = schema.toString();
        if (json.length() > MAX_SHARED_JSON_LENGTH) {
            return schema;
        }
        Schema existing = SHARED.putIfAbsent(json, schema);
        return existing != null ? existing : schema;
    }

    private static boolean containsRecord(Schema schema, Map<Schema, Boolean> seen) {
        if (seen.put(schema, Boolean.TRUE) != null) {
            return false;
        }
        return switch (schema.getType()) {
            case RECORD -> true;
            case ARRAY -> containsRecord(schema.getElementType(), seen);
            case MAP -> containsRecord(schema.getValueType(), seen);
            case UNION -> schema.getTypes().stream().anyMatch(branch -> containsRecord(branch, seen));
            default -> false;
        };
    }
}
