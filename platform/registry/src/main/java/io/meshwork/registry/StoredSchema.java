package io.meshwork.registry;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A schema as the registry keeps it under its global id. Immutable; its identity and GUID are computed once, since
 * every read by id or GUID answers them.
 */
public final class StoredSchema {
    private final int id;
    private final String schemaType;
    private final String schema;
    private final List<SchemaReference> references;
    private final JsonNode metadata;
    private final JsonNode ruleSet;
    private volatile String identity;
    private volatile String guid;

    /**
     * @param id the global id, from 1
     * @param schemaType always {@code AVRO} today
     * @param schema the schema text as stored (the parsed schema's canonical JSON)
     * @param references the named types it uses from other subjects
     * @param metadata the client's metadata object, or null
     * @param ruleSet the client's rule set object, or null
     */
    public StoredSchema(
            int id,
            String schemaType,
            String schema,
            List<SchemaReference> references,
            JsonNode metadata,
            JsonNode ruleSet) {
        this.id = id;
        this.schemaType = schemaType;
        this.schema = schema;
        this.references = List.copyOf(references);
        this.metadata = metadata;
        this.ruleSet = ruleSet;
    }

    /** @return the global id, from 1 (0 for a candidate not registered yet) */
    public int id() {
        return id;
    }

    /** @return always {@code AVRO} today */
    public String schemaType() {
        return schemaType;
    }

    /** @return the schema text as stored (the parsed schema's canonical JSON) */
    public String schema() {
        return schema;
    }

    /** @return the named types it uses from other subjects */
    public List<SchemaReference> references() {
        return references;
    }

    /** @return the client's metadata object, or null; not to be changed */
    public JsonNode metadata() {
        return metadata;
    }

    /** @return the client's rule set object, or null; not to be changed */
    public JsonNode ruleSet() {
        return ruleSet;
    }

    /**
     * The schema's GUID, derived from its {@link #identity() identity}; see {@link SchemaGuid}.
     *
     * @return the GUID, lowercase {@code 8-4-4-4-12}
     */
    public String guid() {
        String known = guid;
        if (known == null) {
            known = SchemaGuid.of(this);
            guid = known;
        }
        return known;
    }

    /**
     * What makes two registrations the same schema: type, text, references, metadata and rule set (the id is not part
     * of it).
     */
    String identity() {
        String known = identity;
        if (known == null) {
            known = schemaType + "\u0000" + schema + "\u0000" + references + "\u0000" + metadata + "\u0000" + ruleSet;
            identity = known;
        }
        return known;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredSchema that
                && id == that.id
                && Objects.equals(schemaType, that.schemaType)
                && Objects.equals(schema, that.schema)
                && references.equals(that.references)
                && Objects.equals(metadata, that.metadata)
                && Objects.equals(ruleSet, that.ruleSet);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, schemaType, schema, references, metadata, ruleSet);
    }

    @Override
    public String toString() {
        return "StoredSchema[id=" + id + ", schemaType=" + schemaType + ", schema=" + schema + ", references="
                + references + ", metadata=" + metadata + ", ruleSet=" + ruleSet + "]";
    }
}
