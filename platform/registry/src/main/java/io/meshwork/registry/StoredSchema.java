package io.meshwork.registry;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A schema as the registry keeps it under its global id.
 *
 * @param id the global id, from 1
 * @param schemaType always {@code AVRO} today
 * @param schema the schema text as stored (the parsed schema's canonical JSON)
 * @param references the named types it uses from other subjects
 * @param metadata the client's metadata object, or null
 * @param ruleSet the client's rule set object, or null
 */
public record StoredSchema(
        int id,
        String schemaType,
        String schema,
        List<SchemaReference> references,
        JsonNode metadata,
        JsonNode ruleSet) {

    public StoredSchema {
        references = List.copyOf(references);
    }

    /**
     * The schema's GUID, derived from its {@link #identity() identity}; see {@link SchemaGuid}.
     *
     * @return the GUID, lowercase {@code 8-4-4-4-12}
     */
    public String guid() {
        return SchemaGuid.of(this);
    }

    /**
     * What makes two registrations the same schema: type, text, references, metadata and rule set (the id is not part
     * of it).
     */
    String identity() {
        return schemaType + "\u0000" + schema + "\u0000" + references + "\u0000" + metadata + "\u0000" + ruleSet;
    }
}
