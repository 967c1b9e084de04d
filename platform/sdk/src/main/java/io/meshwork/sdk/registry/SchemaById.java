package io.meshwork.sdk.registry;

import java.util.List;
import java.util.Objects;

/**
 * A schema looked up by its global id ({@code GET /schemas/ids/{id}}).
 *
 * @param id the global schema id
 * @param schemaType {@code AVRO}, {@code JSON} or {@code PROTOBUF}
 * @param schema the schema text
 * @param references the schemas this one refers to, empty when none
 */
public record SchemaById(int id, String schemaType, String schema, List<SchemaReference> references) {

    /** Checks the mandatory parts and copies the references. */
    public SchemaById {
        Objects.requireNonNull(schemaType, "schemaType");
        Objects.requireNonNull(schema, "schema");
        references = references == null ? List.of() : List.copyOf(references);
    }
}
