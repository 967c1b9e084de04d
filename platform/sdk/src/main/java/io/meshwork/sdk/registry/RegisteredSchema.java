package io.meshwork.sdk.registry;

import java.util.List;
import java.util.Objects;

/**
 * A schema as the registry knows it under a subject.
 *
 * @param subject the subject
 * @param id the global schema id (what the wire format carries)
 * @param version the version under the subject
 * @param schemaType {@code AVRO}, {@code JSON} or {@code PROTOBUF}
 * @param schema the schema text
 * @param references the schemas this one refers to, empty when none
 */
public record RegisteredSchema(
        String subject, int id, int version, String schemaType, String schema, List<SchemaReference> references) {

    /** Checks the mandatory parts and copies the references. */
    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schemaType, "schemaType");
        Objects.requireNonNull(schema, "schema");
        references = references == null ? List.of() : List.copyOf(references);
    }
}
