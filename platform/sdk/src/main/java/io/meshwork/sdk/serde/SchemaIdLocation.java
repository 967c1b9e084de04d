package io.meshwork.sdk.serde;

/**
 * Where {@link MeshAvroSerializer} writes the writer schema's identifier. Chosen with {@code key.schema.id.serializer}
 * / {@code value.schema.id.serializer}, Confluent's keys; see {@link #forName(String)} for the accepted names. The
 * deserializer reads both, whatever this says.
 */
public enum SchemaIdLocation {
    /**
     * In the payload: {@code 0x00}, the 4-byte big-endian schema id, then the Avro datum; headers untouched, except
     * that an inherited schema-id header is removed, since it would win over the prefix when read (the default; what
     * every schema-registry client reads, Confluent's {@code PrefixSchemaIdSerializer}).
     */
    PREFIX("prefix", "PrefixSchemaIdSerializer"),
    /**
     * In the record header {@code __value_schema_id} (or {@code __key_schema_id}): {@code 0x01} then the schema's
     * 16-byte GUID; the payload is the bare Avro datum (Confluent's {@code HeaderSchemaIdSerializer}). Readable by
     * Meshwork's deserializer and by Confluent clients new enough to have a {@code DualSchemaIdDeserializer} (such
     * as {@code @confluentinc/schemaregistry} 1.10); older clients read only the prefix. Needs the producer's
     * {@code serialize(topic, headers, data)} call and a registry that reports GUIDs.
     */
    HEADER("header", "HeaderSchemaIdSerializer");

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.schema.id.";

    private final String simpleName;
    private final String confluentClass;

    SchemaIdLocation(String simpleName, String confluentClass) {
        this.simpleName = simpleName;
        this.confluentClass = confluentClass;
    }

    /** @return the Meshwork name, {@code prefix} or {@code header} */
    public String simpleName() {
        return simpleName;
    }

    /** @return Confluent's class name for the same behaviour, e.g. {@code ...schema.id.HeaderSchemaIdSerializer} */
    public String confluentClassName() {
        return CONFLUENT_PACKAGE + confluentClass;
    }

    /**
     * Finds a location by name. Accepted, case-insensitively: the Meshwork names {@code prefix} and {@code header},
     * the constant names, and Confluent's class names ({@code io.confluent.kafka.serializers.schema.id.PrefixSchemaIdSerializer},
     * {@code io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer}) with or without their package.
     *
     * @param name the configured name
     * @return the location
     * @throws IllegalArgumentException when the name is none of these
     */
    public static SchemaIdLocation forName(String name) {
        String trimmed = name == null ? "" : name.trim();
        String simple = trimmed.regionMatches(true, 0, CONFLUENT_PACKAGE, 0, CONFLUENT_PACKAGE.length())
                ? trimmed.substring(CONFLUENT_PACKAGE.length())
                : trimmed;
        for (SchemaIdLocation location : values()) {
            if (location.simpleName.equalsIgnoreCase(simple)
                    || location.name().equalsIgnoreCase(simple)
                    || location.confluentClass.equalsIgnoreCase(simple)) {
                return location;
            }
        }
        throw new IllegalArgumentException("Unknown schema id serializer '" + trimmed + "'. Use prefix (the schema id"
                + " in the payload, the default) or header (the schema GUID in the __value_schema_id /"
                + " __key_schema_id header); Confluent's class names " + CONFLUENT_PACKAGE
                + "PrefixSchemaIdSerializer and " + CONFLUENT_PACKAGE + "HeaderSchemaIdSerializer are accepted too.");
    }
}
