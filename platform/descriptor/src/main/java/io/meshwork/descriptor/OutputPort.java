package io.meshwork.descriptor;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A topic the product writes.
 *
 * @param topic {@code <domain>.<name>.v<major>}
 * @param schema the value schema
 * @param keySchema the key schema; null when keys are plain strings
 * @param partitions number of partitions; null means the platform default
 * @param retention how long records are kept; null means the platform default, {@link Duration#ZERO} never
 *     happens (use {@link #INFINITE_RETENTION} for "keep forever")
 * @param compatibility registry compatibility level name (e.g. {@code FULL_TRANSITIVE}); null means the default
 * @param fieldTags tags per field path (dotted from the root record, e.g. {@code customer.email}), e.g. {@code pii}
 */
public record OutputPort(
        String topic,
        SchemaSource schema,
        SchemaSource keySchema,
        Integer partitions,
        Duration retention,
        String compatibility,
        Map<String, List<String>> fieldTags) {

    /** The retention that means records are never deleted ({@code retention: infinite}). */
    public static final Duration INFINITE_RETENTION = Duration.ofMillis(Long.MAX_VALUE);

    /** The compatibility level used when a port names none. */
    public static final String DEFAULT_COMPATIBILITY = "FULL_TRANSITIVE";

    public OutputPort {
        fieldTags = fieldTags == null ? Map.of() : Map.copyOf(fieldTags);
    }

    /** @return the compatibility level, or {@link #DEFAULT_COMPATIBILITY} when none is named */
    public String effectiveCompatibility() {
        return compatibility == null ? DEFAULT_COMPATIBILITY : compatibility;
    }

    /** @return the field paths tagged {@code tag} */
    public List<String> fieldsTagged(String tag) {
        return fieldTags.entrySet().stream()
                .filter(e -> e.getValue().contains(tag))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
