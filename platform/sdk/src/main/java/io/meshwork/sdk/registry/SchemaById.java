package io.meshwork.sdk.registry;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A schema looked up by its global id ({@code GET /schemas/ids/{id}}).
 *
 * @param id the global schema id
 * @param schemaType {@code AVRO}, {@code JSON} or {@code PROTOBUF}
 * @param schema the schema text
 * @param references the schemas this one refers to, empty when none
 * @param guid the schema's GUID when the registry reports one (Meshwork and Confluent 8+ do), otherwise {@code null}
 */
public record SchemaById(int id, String schemaType, String schema, List<SchemaReference> references, UUID guid) {

    /** Checks the mandatory parts and copies the references. */
    public SchemaById {
        Objects.requireNonNull(schemaType, "schemaType");
        Objects.requireNonNull(schema, "schema");
        references = references == null ? List.of() : List.copyOf(references);
    }

    /**
     * A schema whose GUID is not known.
     *
     * @param id the global schema id
     * @param schemaType {@code AVRO}, {@code JSON} or {@code PROTOBUF}
     * @param schema the schema text
     * @param references the schemas this one refers to, empty when none
     */
    public SchemaById(int id, String schemaType, String schema, List<SchemaReference> references) {
        this(id, schemaType, schema, references, null);
    }
}
