package io.meshwork.platform.server.registry;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.registry.RegistryException;
import io.meshwork.registry.SchemaReference;
import io.meshwork.registry.SchemaRequest;
import io.meshwork.registry.StoredSchema;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** JSON in and out for the registry protocol: request parsing with precise errors, the protocol's response shapes. */
final class RegistryJson {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private RegistryJson() {}

    static MutableHttpResponse<String> ok(Object body) {
        return respond(HttpStatus.OK, body);
    }

    /** A 200 whose body is JSON already rendered with {@link #render}. */
    static MutableHttpResponse<String> okRendered(String json) {
        return rendered(HttpStatus.OK, json);
    }

    /** Renders a response body as JSON text. */
    static String render(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a registry response", e);
        }
    }

    static MutableHttpResponse<String> error(int status, int errorCode, String message) {
        ObjectNode body = MAPPER.createObjectNode().put("error_code", errorCode).put("message", message);
        return respond(HttpStatus.valueOf(status), body);
    }

    static MutableHttpResponse<String> respond(HttpStatus status, Object body) {
        return rendered(status, render(body));
    }

    private static MutableHttpResponse<String> rendered(HttpStatus status, String json) {
        return HttpResponse.<String>status(status).contentType(CONTENT_TYPE).body(json);
    }

    /** Parses a request body into a JSON object, or fails with 400 naming the problem. */
    static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw new RegistryException(400, 400, "The request body is empty; send a JSON object.");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new RegistryException(
                    400,
                    400,
                    "The request body is not valid JSON: " + e.getOriginalMessage() + " (line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ").");
        }
        if (node == null || !node.isObject()) {
            throw new RegistryException(
                    400, 400, "The request body must be a JSON object, e.g. {\"schema\": \"...\"}.");
        }
        return node;
    }

    /** Reads {@code {schema, schemaType, references, metadata, ruleSet, id, version}}. */
    static SchemaRequest schemaRequest(String body) {
        JsonNode node = object(body);
        JsonNode schema = node.get("schema");
        if (schema == null || schema.isNull()) {
            throw new RegistryException(
                    422, 42201, "The request has no \"schema\". Send {\"schema\": \"<the schema as a JSON string>\"}.");
        }
        String schemaText = schema.isTextual() ? schema.asText() : schema.toString();
        String schemaType = textOrNull(node, "schemaType");
        List<SchemaReference> references = new ArrayList<>();
        JsonNode refs = node.get("references");
        if (refs != null && !refs.isNull()) {
            if (!refs.isArray()) {
                throw new RegistryException(422, 42201, "\"references\" must be an array of {name, subject, version}.");
            }
            for (JsonNode ref : refs) {
                if (!ref.isObject()
                        || !ref.path("name").isTextual()
                        || !ref.path("subject").isTextual()
                        || !ref.path("version").canConvertToInt()) {
                    throw new RegistryException(
                            422,
                            42201,
                            "Each reference must be {\"name\": string, \"subject\": string, \"version\": int}; got "
                                    + ref + ".");
                }
                references.add(new SchemaReference(
                        ref.get("name").asText(),
                        ref.get("subject").asText(),
                        ref.get("version").asInt()));
            }
        }
        return new SchemaRequest(
                schemaText,
                schemaType,
                references,
                nullIfJsonNull(node.get("metadata")),
                nullIfJsonNull(node.get("ruleSet")),
                intOrNull(node, "id"),
                intOrNull(node, "version"));
    }

    /**
     * The protocol's schema object: guid, schemaType (omitted for AVRO), references, metadata, ruleSet, schema.
     */
    static ObjectNode schemaFields(ObjectNode target, StoredSchema schema) {
        target.put("guid", schema.guid());
        if (!"AVRO".equals(schema.schemaType())) {
            target.put("schemaType", schema.schemaType());
        }
        if (!schema.references().isEmpty()) {
            ArrayNode refs = target.putArray("references");
            for (SchemaReference reference : schema.references()) {
                refs.addObject()
                        .put("name", reference.name())
                        .put("subject", reference.subject())
                        .put("version", reference.version());
            }
        }
        if (schema.metadata() != null) {
            target.set("metadata", schema.metadata());
        }
        if (schema.ruleSet() != null) {
            target.set("ruleSet", schema.ruleSet());
        }
        target.put("schema", schema.schema());
        return target;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RegistryException(422, 42201, "\"" + field + "\" must be a string.");
        }
        return value.asText();
    }

    private static Integer intOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new RegistryException(422, 42201, "\"" + field + "\" must be an integer.");
        }
        return value.asInt();
    }

    private static JsonNode nullIfJsonNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
