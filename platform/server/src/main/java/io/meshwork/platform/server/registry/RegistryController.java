package io.meshwork.platform.server.registry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwork.registry.CompatibilityLevel;
import io.meshwork.registry.RegistryException;
import io.meshwork.registry.RegistryMode;
import io.meshwork.registry.SchemaRegistry;
import io.meshwork.registry.StoredSchema;
import io.meshwork.registry.SubjectVersion;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The Confluent Schema Registry REST protocol over {@link SchemaRegistry}. Bodies are read as text and parsed here,
 * so that malformed JSON gets the protocol's 400 and every refusal the protocol's {@code error_code}. Reads answer
 * from memory on the event loop; writes wait for Kafka and so run on the blocking executor.
 */
@Controller
@Consumes({
    RegistryJson.CONTENT_TYPE,
    "application/vnd.schemaregistry+json",
    MediaType.APPLICATION_JSON,
    MediaType.APPLICATION_OCTET_STREAM,
    MediaType.TEXT_PLAIN,
    MediaType.ALL
})
class RegistryController {
    private static final int MAX_RENDERED = 10_000;
    private final SchemaRegistry registry;
    private final Map<Integer, Rendered> renderedById = new ConcurrentHashMap<>();

    RegistryController(SchemaRegistry registry) {
        this.registry = registry;
    }

    @Get
    HttpResponse<String> root() {
        return RegistryJson.ok(RegistryJson.MAPPER.createObjectNode());
    }

    @Get("/schemas/types")
    HttpResponse<String> schemaTypes() {
        return RegistryJson.ok(registry.schemaTypes());
    }

    @Get("/contexts")
    HttpResponse<String> contexts() {
        return RegistryJson.ok(List.of("."));
    }

    @Get("/associations{/path:.*}")
    HttpResponse<String> associations(@Nullable @PathVariable String path) {
        return RegistryJson.error(404, 404, "Associations are not supported by this registry.");
    }

    // ---- schemas by id ---------------------------------------------------------------------------------------------

    @Get("/schemas/ids/{id}")
    HttpResponse<String> schemaById(@PathVariable String id) {
        StoredSchema schema = registry.schemaById(parseId(id));
        // Every deserializer asks this on a cache miss: the answer is rendered once per stored schema. The state
        // keeps one StoredSchema per id, so the same instance means the same answer.
        Rendered rendered = renderedById.get(schema.id());
        if (rendered == null || rendered.schema() != schema) {
            if (renderedById.size() >= MAX_RENDERED) {
                renderedById.clear();
            }
            rendered = new Rendered(
                    schema,
                    RegistryJson.render(RegistryJson.schemaFields(RegistryJson.MAPPER.createObjectNode(), schema)));
            renderedById.put(schema.id(), rendered);
        }
        return RegistryJson.okRendered(rendered.json());
    }

    /** The answer of {@code GET /schemas/ids/{id}} for one stored schema, as JSON text. */
    private record Rendered(StoredSchema schema, String json) {}

    @Get("/schemas/ids/{id}/schema")
    HttpResponse<String> rawSchemaById(@PathVariable String id) {
        return raw(registry.schemaById(parseId(id)).schema());
    }

    @Get("/schemas/ids/{id}/subjects")
    HttpResponse<String> subjectsOfId(@PathVariable String id, @QueryValue(defaultValue = "false") String deleted) {
        return RegistryJson.ok(registry.versionsOfId(parseId(id), flag(deleted)).stream()
                .map(SubjectVersion::subject)
                .distinct()
                .sorted()
                .toList());
    }

    @Get("/schemas/ids/{id}/versions")
    HttpResponse<String> versionsOfId(@PathVariable String id, @QueryValue(defaultValue = "false") String deleted) {
        ArrayNode versions = RegistryJson.MAPPER.createArrayNode();
        for (SubjectVersion version : registry.versionsOfId(parseId(id), flag(deleted))) {
            versions.addObject().put("subject", version.subject()).put("version", version.version());
        }
        return RegistryJson.ok(versions);
    }

    // ---- schemas by GUID -------------------------------------------------------------------------------------------

    /**
     * The schema a GUID names (the {@code 0x01} + 16-byte form newer Confluent clients put in record headers), with
     * its {@code id} and {@code guid}; soft-deleted schemas still resolve. Text that is not a GUID and an unknown GUID
     * both answer 404/40403, as a non-numeric or unknown id does.
     */
    @Get("/schemas/guids/{guid}")
    HttpResponse<String> schemaByGuid(@PathVariable String guid) {
        StoredSchema schema = registry.schemaByGuid(guid);
        ObjectNode answer = RegistryJson.MAPPER.createObjectNode();
        answer.put("id", schema.id());
        return RegistryJson.ok(RegistryJson.schemaFields(answer, schema));
    }

    // ---- subjects --------------------------------------------------------------------------------------------------

    @Get("/subjects")
    HttpResponse<String> subjects(
            @Nullable @QueryValue String subjectPrefix, @QueryValue(defaultValue = "false") String deleted) {
        return RegistryJson.ok(registry.subjects(subjectPrefix, flag(deleted)));
    }

    @Get("/subjects/{subject}/versions")
    HttpResponse<String> versions(@PathVariable String subject, @QueryValue(defaultValue = "false") String deleted) {
        return RegistryJson.ok(registry.versions(subject, flag(deleted)));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post("/subjects/{subject}/versions")
    HttpResponse<String> register(
            @PathVariable String subject,
            @QueryValue(defaultValue = "false") String normalize,
            @Nullable @Body String body) {
        SchemaRegistry.Registered registered =
                registry.register(subject, RegistryJson.schemaRequest(body), flag(normalize));
        ObjectNode answer = RegistryJson.MAPPER.createObjectNode();
        answer.put("id", registered.id());
        answer.put("version", registered.version());
        answer.put("guid", registered.schema().guid());
        return RegistryJson.ok(answer);
    }

    @Post("/subjects/{subject}")
    HttpResponse<String> lookup(
            @PathVariable String subject,
            @QueryValue(defaultValue = "false") String normalize,
            @QueryValue(defaultValue = "false") String deleted,
            @Nullable @Body String body) {
        SchemaRegistry.VersionView view =
                registry.lookup(subject, RegistryJson.schemaRequest(body), flag(normalize), flag(deleted));
        return RegistryJson.ok(versionObject(view));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Delete("/subjects/{subject}")
    HttpResponse<String> deleteSubject(
            @PathVariable String subject, @QueryValue(defaultValue = "false") String permanent) {
        return RegistryJson.ok(registry.deleteSubject(subject, flag(permanent)));
    }

    @Get("/subjects/{subject}/versions/{version}")
    HttpResponse<String> version(
            @PathVariable String subject,
            @PathVariable String version,
            @QueryValue(defaultValue = "false") String deleted) {
        return RegistryJson.ok(versionObject(registry.version(subject, version, flag(deleted))));
    }

    @Get("/subjects/{subject}/versions/{version}/schema")
    HttpResponse<String> rawVersion(
            @PathVariable String subject,
            @PathVariable String version,
            @QueryValue(defaultValue = "false") String deleted) {
        return raw(registry.version(subject, version, flag(deleted)).schema().schema());
    }

    @Get("/subjects/{subject}/versions/{version}/referencedby")
    HttpResponse<String> referencedBy(@PathVariable String subject, @PathVariable String version) {
        return RegistryJson.ok(registry.referencedBy(subject, version));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Delete("/subjects/{subject}/versions/{version}")
    HttpResponse<String> deleteVersion(
            @PathVariable String subject,
            @PathVariable String version,
            @QueryValue(defaultValue = "false") String permanent) {
        return RegistryJson.ok(registry.deleteVersion(subject, version, flag(permanent)));
    }

    // ---- compatibility ---------------------------------------------------------------------------------------------

    @Post("/compatibility/subjects/{subject}/versions{/version}")
    HttpResponse<String> compatibility(
            @PathVariable String subject,
            @Nullable @PathVariable String version,
            @QueryValue(defaultValue = "false") String verbose,
            @QueryValue(defaultValue = "false") String normalize,
            @Nullable @Body String body) {
        String target = version == null || version.isEmpty() ? null : version;
        List<String> messages =
                registry.testCompatibility(subject, target, RegistryJson.schemaRequest(body), flag(normalize));
        ObjectNode answer = RegistryJson.MAPPER.createObjectNode().put("is_compatible", messages.isEmpty());
        if (flag(verbose)) {
            ArrayNode list = answer.putArray("messages");
            messages.forEach(list::add);
        }
        return RegistryJson.ok(answer);
    }

    // ---- config ----------------------------------------------------------------------------------------------------

    @Get("/config")
    HttpResponse<String> globalConfig() {
        return RegistryJson.ok(level("compatibilityLevel", registry.globalCompatibility()));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Put("/config")
    HttpResponse<String> putGlobalConfig(@Nullable @Body String body) {
        return RegistryJson.ok(level("compatibility", registry.setCompatibility(null, compatibility(body))));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Delete("/config")
    HttpResponse<String> deleteGlobalConfig() {
        return RegistryJson.ok(level("compatibilityLevel", registry.deleteCompatibility(null)));
    }

    @Get("/config/{subject}")
    HttpResponse<String> subjectConfig(
            @PathVariable String subject, @QueryValue(defaultValue = "false") String defaultToGlobal) {
        return RegistryJson.ok(
                level("compatibilityLevel", registry.subjectCompatibility(subject, flag(defaultToGlobal))));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Put("/config/{subject}")
    HttpResponse<String> putSubjectConfig(@PathVariable String subject, @Nullable @Body String body) {
        return RegistryJson.ok(level("compatibility", registry.setCompatibility(subject, compatibility(body))));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Delete("/config/{subject}")
    HttpResponse<String> deleteSubjectConfig(@PathVariable String subject) {
        return RegistryJson.ok(level("compatibilityLevel", registry.deleteCompatibility(subject)));
    }

    // ---- mode ------------------------------------------------------------------------------------------------------

    @Get("/mode")
    HttpResponse<String> globalMode() {
        return RegistryJson.ok(mode(registry.globalMode()));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Put("/mode")
    HttpResponse<String> putGlobalMode(@Nullable @Body String body, @QueryValue(defaultValue = "false") String force) {
        return RegistryJson.ok(mode(registry.setMode(null, modeOf(body), flag(force))));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Delete("/mode")
    HttpResponse<String> deleteGlobalMode() {
        return RegistryJson.ok(mode(registry.deleteMode(null)));
    }

    @Get("/mode/{subject}")
    HttpResponse<String> subjectMode(
            @PathVariable String subject, @QueryValue(defaultValue = "false") String defaultToGlobal) {
        return RegistryJson.ok(mode(registry.subjectMode(subject, flag(defaultToGlobal))));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Put("/mode/{subject}")
    HttpResponse<String> putSubjectMode(
            @PathVariable String subject,
            @Nullable @Body String body,
            @QueryValue(defaultValue = "false") String force) {
        return RegistryJson.ok(mode(registry.setMode(subject, modeOf(body), flag(force))));
    }

    @ExecuteOn(TaskExecutors.BLOCKING)
    @Delete("/mode/{subject}")
    HttpResponse<String> deleteSubjectMode(@PathVariable String subject) {
        return RegistryJson.ok(mode(registry.deleteMode(subject)));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private static ObjectNode versionObject(SchemaRegistry.VersionView view) {
        ObjectNode node = RegistryJson.MAPPER.createObjectNode();
        node.put("subject", view.subject());
        node.put("version", view.version());
        node.put("id", view.schema().id());
        return RegistryJson.schemaFields(node, view.schema());
    }

    private static HttpResponse<String> raw(String schema) {
        return HttpResponse.ok(schema).contentType(RegistryJson.CONTENT_TYPE);
    }

    private static ObjectNode level(String field, CompatibilityLevel level) {
        return RegistryJson.MAPPER.createObjectNode().put(field, level.name());
    }

    private static ObjectNode mode(RegistryMode mode) {
        return RegistryJson.MAPPER.createObjectNode().put("mode", mode.name());
    }

    private static CompatibilityLevel compatibility(String body) {
        JsonNode node = RegistryJson.object(body);
        JsonNode level = node.has("compatibility") ? node.get("compatibility") : node.get("compatibilityLevel");
        if (level == null || !level.isTextual()) {
            throw new RegistryException(
                    422, 42203, "The request needs a \"compatibility\" level, e.g. {\"compatibility\": \"FULL\"}.");
        }
        return CompatibilityLevel.parse(level.asText());
    }

    private static RegistryMode modeOf(String body) {
        JsonNode mode = RegistryJson.object(body).get("mode");
        if (mode == null || !mode.isTextual()) {
            throw new RegistryException(422, 42204, "The request needs a \"mode\", e.g. {\"mode\": \"READONLY\"}.");
        }
        return RegistryMode.parse(mode.asText());
    }

    private static int parseId(String id) {
        try {
            int value = Integer.parseInt(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Answered below as an unknown schema.
        }
        throw new RegistryException(404, 40403, "Schema '" + id + "' not found: ids are positive integers.");
    }

    private static boolean flag(String value) {
        return "true".equalsIgnoreCase(value);
    }
}
