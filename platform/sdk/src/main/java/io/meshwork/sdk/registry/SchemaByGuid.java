package io.meshwork.sdk.registry;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A schema looked up by its GUID ({@code GET /schemas/guids/{guid}}), the identifier newer Confluent clients put in the
 * {@code __value_schema_id} / {@code __key_schema_id} record header.
 *
 * @param guid the schema's GUID
 * @param id the global id the registry answered with it, or 0 when its answer had none (Confluent's may not)
 * @param schemaType {@code AVRO}, {@code JSON} or {@code PROTOBUF}
 * @param schema the schema text
 * @param references the schemas this one refers to, empty when none
 */
public record SchemaByGuid(UUID guid, int id, String schemaType, String schema, List<SchemaReference> references) {

    /** Checks the mandatory parts and copies the references. */
    public SchemaByGuid {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(schemaType, "schemaType");
        Objects.requireNonNull(schema, "schema");
        references = references == null ? List.of() : List.copyOf(references);
    }
}
