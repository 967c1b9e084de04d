package io.meshwork.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Decides whether a candidate schema may follow earlier versions, with Avro's own
 * {@link SchemaCompatibility}; explains every incompatibility with the field, the reason and the fix.
 */
public final class CompatibilityChecker {
    private static final int PARALLEL_THRESHOLD = 8;

    private CompatibilityChecker() {}

    /**
     * An earlier live version to check against.
     *
     * @param version its version number
     * @param schema its parsed schema
     * @param shared the same schema with shared sub-schemas, which Avro's checker compares faster (see {@link
     *     #share}); computed once per schema by callers that keep priors, such as the registry
     */
    public record Prior(int version, Schema schema, Schema shared) {
        /** A prior whose shared form is computed now. */
        public Prior(int version, Schema schema) {
            this(version, schema, share(schema));
        }
    }

    /**
     * @return {@code schema} rebuilt with equal record-free sub-schemas as one instance: equal to it, and checked by
     *     Avro several times faster when it has many fields of the same type
     */
    public static Schema share(Schema schema) {
        return SharedSubschemas.share(schema);
    }

    /**
     * @param level the subject's compatibility level
     * @param candidate the new schema
     * @param priors live versions, oldest first
     * @return one message per incompatibility; empty when compatible
     */
    public static List<String> check(CompatibilityLevel level, Schema candidate, List<Prior> priors) {
        if (level == CompatibilityLevel.NONE || priors.isEmpty()) {
            return new ArrayList<>();
        }
        List<Prior> against = level.transitive() ? priors : List.of(priors.get(priors.size() - 1));
        Schema sharedCandidate = share(candidate);
        // Each pair is independent; long histories are checked on every core, the messages kept in version order.
        Stream<Prior> pairs = against.size() >= PARALLEL_THRESHOLD ? against.parallelStream() : against.stream();
        return pairs.flatMap(prior -> {
                    List<String> found = new ArrayList<>();
                    if (level.backward()) {
                        explain(
                                found,
                                "BACKWARD",
                                prior,
                                sharedCandidate,
                                prior.shared(),
                                candidate,
                                prior.schema(),
                                "the new schema cannot read data written with version " + prior.version());
                    }
                    if (level.forward()) {
                        explain(
                                found,
                                "FORWARD",
                                prior,
                                prior.shared(),
                                sharedCandidate,
                                prior.schema(),
                                candidate,
                                "version " + prior.version() + " cannot read data written with the new schema");
                    }
                    return found.stream();
                })
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static void explain(
            List<String> messages,
            String direction,
            Prior prior,
            Schema sharedReader,
            Schema sharedWriter,
            Schema reader,
            Schema writer,
            String summary) {
        if (SchemaCompatibility.checkReaderWriterCompatibility(sharedReader, sharedWriter)
                        .getType()
                == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        // The verdict is the same for the parsed schemas; their check names every location (see SharedSubschemas).
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            String field = fieldAt(reader, incompatibility.getLocation());
            messages.add("{direction: " + direction + ", oldSchemaVersion: " + prior.version() + ", errorType: '"
                    + incompatibility.getType() + "', location: '" + incompatibility.getLocation() + "', "
                    + (field.isEmpty() ? "" : "field: '" + field + "', ") + "description: '"
                    + summary + ": " + (field.isEmpty() ? "" : "at field '" + field + "', ")
                    + describe(incompatibility) + "'}");
        }
    }

    /**
     * Turns Avro's location (a JSON pointer into the reader schema, e.g. {@code /fields/1/type/fields/0/type}) into
     * the dotted path of the field it is in ({@code customer.email}); empty when it is not inside a field.
     */
    static String fieldAt(Schema reader, String location) {
        if (location == null || location.isEmpty()) {
            return "";
        }
        String[] tokens = location.split("/");
        List<String> path = new ArrayList<>();
        Schema current = reader;
        for (int i = 1; i < tokens.length && current != null; i++) {
            String token = tokens[i];
            if (token.equals("fields") && i + 1 < tokens.length && current.getType() == Schema.Type.RECORD) {
                int index = index(tokens[++i]);
                if (index < 0 || index >= current.getFields().size()) {
                    break;
                }
                Schema.Field field = current.getFields().get(index);
                path.add(field.name());
                current = field.schema();
            } else if (token.equals("type")) {
                continue;
            } else if (token.equals("items") && current.getType() == Schema.Type.ARRAY) {
                current = current.getElementType();
            } else if (token.equals("values") && current.getType() == Schema.Type.MAP) {
                current = current.getValueType();
            } else if (current.getType() == Schema.Type.UNION && index(token) >= 0) {
                int branch = index(token);
                current =
                        branch < current.getTypes().size() ? current.getTypes().get(branch) : null;
            } else {
                break;
            }
        }
        return String.join(".", path);
    }

    private static int index(String token) {
        if (token.isEmpty() || token.length() > 9 || !token.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(token);
    }

    private static String describe(Incompatibility incompatibility) {
        String detail = incompatibility.getMessage();
        return switch (incompatibility.getType()) {
            case READER_FIELD_MISSING_DEFAULT_VALUE ->
                "field '" + detail
                        + "' has no default value and is missing from the writer's schema; give it a default";
            case TYPE_MISMATCH ->
                "the type at this location changed (" + detail
                        + "); keep the old type, or use a union or a promotable type (int→long→float→double)";
            case MISSING_ENUM_SYMBOLS ->
                "enum symbols " + detail + " are missing from the reader; keep them, or give the enum a default symbol";
            case MISSING_UNION_BRANCH -> "union branch " + detail + " is missing from the reader; keep the branch";
            case NAME_MISMATCH -> "the named type was renamed (" + detail + "); keep the name or add an alias";
            case FIXED_SIZE_MISMATCH -> "the fixed size changed (" + detail + ")";
            default -> detail;
        };
    }
}
