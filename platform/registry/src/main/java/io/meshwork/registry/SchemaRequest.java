package io.meshwork.registry;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A schema sent for registration, lookup or a compatibility test.
 *
 * @param schema the schema text
 * @param schemaType the type, {@code AVRO} when absent
 * @param references named types used from other subjects
 * @param metadata optional metadata object, kept as sent
 * @param ruleSet optional rule set object, kept as sent
 * @param id an id to register under (IMPORT mode only), or null
 * @param version a version to register as (IMPORT mode only), or null
 */
public record SchemaRequest(
        String schema,
        String schemaType,
        List<SchemaReference> references,
        JsonNode metadata,
        JsonNode ruleSet,
        Integer id,
        Integer version) {

    public SchemaRequest {
        references = references == null ? List.of() : List.copyOf(references);
        schemaType = schemaType == null ? AvroSchemas.AVRO : schemaType;
    }

    /** A plain Avro schema without references. */
    public static SchemaRequest avro(String schema) {
        return new SchemaRequest(schema, null, List.of(), null, null, null, null);
    }
}
