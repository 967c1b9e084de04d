package io.meshwork.platform.server.catalog;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.catalog.CatalogProjection;
import io.meshwork.catalog.CatalogSearch;
import io.meshwork.catalog.LineageGraph;
import io.meshwork.catalog.ProductStatus;
import io.meshwork.catalog.ProductView;
import io.meshwork.catalog.search.SearchFilter;
import io.meshwork.catalog.search.SearchResult;
import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.governance.changelog.SchemaChangelog;
import io.meshwork.registry.CompatibilityLevel;
import io.meshwork.schemas.common.ActorKind;
import io.meshwork.schemas.governance.SchemaChange;
import io.meshwork.schemas.lifecycle.SchemaDocument;
import io.meshwork.schemas.lifecycle.SchemaRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.avro.SchemaParseException;

/** The catalog: find products, read their contract, history, lineage and audit trail, and move them through their lifecycle. */
@Controller("/api/v1")
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "products")
class ProductsController {
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final String DECLARE_EXAMPLE =
            "{\"descriptor\": \"<dataproduct.yaml text>\", \"schemas\": {\"sales.orders.v1-value\": \"<.avsc text>\"}}";

    private final CatalogProjection projection;
    private final CatalogSearch search;
    private final CatalogCommands commands;

    ProductsController(CatalogProjection projection, CatalogSearch search, CatalogCommands commands) {
        this.projection = projection;
        this.search = search;
        this.commands = commands;
    }

    @Get("/products")
    @Operation(
            summary = "List products, filtered by domain, tag, owner, status (of any major version) or classification")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiModel.Page.class)))
    HttpResponse<String> list(
            @Nullable @QueryValue String domain,
            @Nullable @QueryValue String tag,
            @Nullable @QueryValue String owner,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String classification,
            // read as text so that a non-number gets the catalog's own 400; documented as the integer it must be
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
                    @Nullable
                    @QueryValue
                    String limit,
            @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")) @Nullable @QueryValue
                    String offset) {
        String d = Requests.filter("domain", domain);
        String t = Requests.filter("tag", tag);
        String o = Requests.filter("owner", owner);
        ProductStatus s = Requests.status(status);
        String c = classification(classification);
        int lim = Requests.limit(limit);
        int off = Requests.offset(offset);
        List<ProductView> matching = projection.products(p -> {
            ProductDescriptor desc = p.descriptor();
            return (d == null || desc.domain().equalsIgnoreCase(d))
                    && (t == null || desc.tags().stream().anyMatch(x -> x.equalsIgnoreCase(t)))
                    && (o == null
                            || (desc.owner() != null
                                    && (o.equalsIgnoreCase(desc.owner().team())
                                            || o.equalsIgnoreCase(desc.owner().email()))))
                    && (s == null || p.lines().stream().anyMatch(l -> l.status() == s))
                    && (c == null
                            || (desc.classification() != null
                                    && desc.classification().yamlName().equals(c)));
        });
        List<ApiModel.ProductSummary> page =
                matching.stream().skip(off).limit(lim).map(ApiModel::summary).toList();
        return ApiJson.ok(new ApiModel.Page<>(matching.size(), lim, off, page));
    }

    @Get("/search")
    @Operation(
            summary = "Full-text search over product names, titles, descriptions, tags and schema field names and docs")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiModel.Page.class)))
    HttpResponse<String> search(
            @Nullable @QueryValue String q,
            @Nullable @QueryValue String domain,
            @Nullable @QueryValue String tag,
            @Nullable @QueryValue String owner,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String classification,
            // read as text so that a non-number gets the catalog's own 400; documented as the integer it must be
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
                    @Nullable
                    @QueryValue
                    String limit,
            @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")) @Nullable @QueryValue
                    String offset) {
        if (q != null && q.length() > 1_000) {
            throw ApiException.badRequest(
                    "the query q is " + q.length() + " characters long; at most 1000 are accepted",
                    "search with at most 1000 characters");
        }
        ProductStatus s = Requests.status(status);
        int lim = Requests.limit(limit);
        int off = Requests.offset(offset);
        SearchResult result = search.search(
                q,
                new SearchFilter(
                        Requests.filter("domain", domain),
                        Requests.filter("tag", tag),
                        Requests.filter("owner", owner),
                        s == null ? null : s.name(),
                        classification(classification)),
                lim,
                off);
        List<ApiModel.SearchHit> hits = result.hits().stream()
                .flatMap(h -> projection.product(h.productId()).stream()
                        .map(p -> new ApiModel.SearchHit(ApiModel.summary(p), h.score(), h.matchedFields())))
                .toList();
        return ApiJson.ok(new ApiModel.Page<>(result.total(), lim, off, hits));
    }

    @Get("/products/{id}")
    @Operation(summary = "A product in full: descriptor, major versions, versions, consumers and SLO status")
    @ApiResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ApiModel.ProductDetail.class)))
    @ApiResponse(responseCode = "404", description = "no such product")
    HttpResponse<String> product(@PathVariable String id) {
        return ApiJson.ok(ApiModel.detail(commands.product(id), System.currentTimeMillis()));
    }

    @Get("/products/{id}/versions/{version}")
    @Operation(summary = "One version: its status, descriptor and schemas")
    @ApiResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ApiModel.VersionDetail.class)))
    HttpResponse<String> version(@PathVariable String id, @PathVariable String version) {
        return ApiJson.ok(ApiModel.versionDetail(version(commands.product(id), Requests.version(version))));
    }

    private static ProductView.Version version(ProductView p, String version) {
        return p.version(version)
                .orElseThrow(() -> ApiException.notFound(
                        40402,
                        p.id() + " has no version " + version,
                        "use one of "
                                + p.versions().stream()
                                        .map(ProductView.Version::version)
                                        .toList()));
    }

    @Get("/products/{id}/changelog")
    @Operation(
            summary =
                    "The field-by-field changelog of the value schema between two versions (default: the newest and the one before)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiModel.Changelog.class)))
    HttpResponse<String> changelog(
            @PathVariable String id, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        ProductView p = commands.product(id);
        List<ProductView.Version> versions = p.versions();
        ProductView.Version target = to == null ? versions.get(versions.size() - 1) : version(p, Requests.version(to));
        ProductView.Version base;
        if (from != null) {
            base = version(p, Requests.version(from));
        } else {
            int at = versions.indexOf(target);
            if (at == 0) {
                throw ApiException.badRequest(
                        p.id() + " " + target.version() + " is its first version: there is nothing to compare",
                        "name both versions with ?from=&to=");
            }
            base = versions.get(at - 1);
        }
        OutputPort port = target.descriptor().outputPorts().get(0);
        CompatibilityLevel level = CompatibilityLevel.valueOf(port.effectiveCompatibility());
        List<SchemaChange> changes;
        try {
            changes = SchemaChangelog.between(valueSchema(base), valueSchema(target), level);
        } catch (SchemaParseException e) {
            throw ApiException.badRequest(
                    "a value schema cannot be read alone: " + e.getMessage(), "compare in the registry");
        }
        return ApiJson.ok(new ApiModel.Changelog(
                p.id(),
                base.version(),
                target.version(),
                level.name(),
                SchemaChangelog.hasBreaking(changes),
                changes.stream().map(ApiModel::change).toList()));
    }

    private static org.apache.avro.Schema valueSchema(ProductView.Version v) {
        for (SchemaDocument s : v.schemas()) {
            if (s.getRole() == SchemaRole.VALUE) {
                return new org.apache.avro.Schema.Parser().parse(s.getSchemaText());
            }
        }
        throw ApiException.badRequest("version " + v.version() + " declared no value schema", "declare one");
    }

    @Get("/products/{id}/audit")
    @Operation(summary = "The audit trail: every governance decision and every lifecycle event about the product")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiModel.Audit.class)))
    HttpResponse<String> audit(@PathVariable String id) {
        ProductView p = commands.product(id);
        return ApiJson.ok(new ApiModel.Audit(
                p.id(),
                projection.decisions(p.id()).stream().map(ApiModel::decision).toList(),
                p.timeline().stream().map(ApiModel::event).toList()));
    }

    @Get("/products/{id}/lineage")
    @Operation(summary = "Everything upstream and downstream of the product, as a graph")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LineageGraph.class)))
    HttpResponse<String> productLineage(@PathVariable String id) {
        ProductView p = commands.product(id);
        return ApiJson.ok(LineageGraph.of(projection.products(x -> true)).around(p.id()));
    }

    @Get("/lineage")
    @Operation(summary = "The whole mesh's lineage: product topics, raw sources, consumers")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LineageGraph.class)))
    HttpResponse<String> lineage() {
        return ApiJson.ok(LineageGraph.of(projection.products(x -> true)));
    }

    // ---------------------------------------------------------------------------------------------------- writes

    @Post("/products")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Declare a product version from its dataproduct.yaml and schemas (DRAFT)")
    @RequestBody(content = @Content(schema = @Schema(implementation = DeclareRequest.class)))
    @ApiResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = ApiModel.ProductDetail.class)))
    @ApiResponse(
            responseCode = "400",
            description = "the descriptor or a schema is invalid; details lists every problem")
    @ApiResponse(responseCode = "409", description = "the declaration is an illegal transition")
    HttpResponse<String> declare(
            @Nullable @Body String body, @Nullable @Header(Requests.PRINCIPAL_HEADER) String principal) {
        JsonNode json = ApiJson.object(body, Set.of("descriptor", "schemas", "file"), DECLARE_EXAMPLE);
        CatalogCommands.Declaration declaration = declaration(json);
        ProductView p = commands.declare(Requests.actor(principal, ActorKind.DOMAIN), declaration);
        return ApiJson.respond(HttpStatus.CREATED, ApiModel.detail(p, System.currentTimeMillis()));
    }

    /** The body of a declaration or a dry run. */
    @Schema(description = "A descriptor and the schemas of its output ports")
    record DeclareRequest(
            @Schema(description = "dataproduct.yaml as text (YAML or JSON)") String descriptor,
            @Schema(description = "the .avsc text of each port's schema, by subject (<topic>-value, <topic>-key)")
                    Map<String, String> schemas,
            @Schema(description = "the descriptor's file name, for error messages; default dataproduct.yaml")
                    String file) {}

    static CatalogCommands.Declaration declaration(JsonNode json) {
        String file = ApiJson.line(json, "file", false, 500);
        String yaml = ApiJson.document(json, "descriptor", true, 1024 * 1024);
        Map<String, String> schemas = new TreeMap<>();
        JsonNode node = json.get("schemas");
        if (node != null && !node.isNull()) {
            if (!node.isObject()) {
                throw ApiException.badRequest(
                        "\"schemas\" must be an object of subject to schema text", "send e.g. " + DECLARE_EXAMPLE);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual() && !e.getValue().isObject()) {
                    throw ApiException.badRequest(
                            "the schema for " + Requests.abbreviate(e.getKey()) + " must be the .avsc text or object",
                            "send the schema as a JSON string or object");
                }
                schemas.put(
                        e.getKey(),
                        e.getValue().isTextual()
                                ? e.getValue().asText()
                                : e.getValue().toString());
            }
        }
        return CatalogCommands.read(file == null ? "dataproduct.yaml" : file, yaml, schemas);
    }

    @Post("/products/{id}/publications")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Request publication of a declared version; answers with the governance decision")
    @RequestBody(content = @Content(schema = @Schema(example = "{\"version\": \"1.1.0\"}")))
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiModel.Decision.class)))
    @ApiResponse(responseCode = "422", description = "governance denied it; details is the decision")
    HttpResponse<String> publish(
            @PathVariable String id,
            @Nullable @Body String body,
            @Nullable @Header(Requests.PRINCIPAL_HEADER) String principal) {
        JsonNode json = ApiJson.object(body, Set.of("version"), "{\"version\": \"1.1.0\"}");
        String version = Requests.version(ApiJson.text(json, "version", true, 40));
        CatalogCommands.Publication published = commands.requestPublication(
                Requests.actor(principal, ActorKind.DOMAIN), Requests.productId(id), version);
        return ApiJson.ok(ApiModel.decision(published.decision()));
    }

    @Post("/products/{id}/deprecations")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Deprecate a major version, with a sunset date and optionally a successor")
    @RequestBody(
            content =
                    @Content(
                            schema =
                                    @Schema(
                                            example =
                                                    "{\"major\": 1, \"sunsetDate\": \"2027-06-30\", \"successor\":"
                                                            + " \"sales.orders.v2\", \"reason\": \"amount became a decimal\"}")))
    HttpResponse<String> deprecate(
            @PathVariable String id,
            @Nullable @Body String body,
            @Nullable @Header(Requests.PRINCIPAL_HEADER) String principal) {
        JsonNode json = ApiJson.object(
                body,
                Set.of("major", "sunsetDate", "successor", "reason"),
                "{\"major\": 1, \"sunsetDate\": \"2027-06-30\", \"successor\": \"sales.orders.v2\", \"reason\": \"...\"}");
        int major = ApiJson.integer(json, "major", true, 0, 100_000);
        LocalDate sunset = sunsetDate(ApiJson.line(json, "sunsetDate", true, 20));
        ProductView p = commands.deprecate(
                Requests.actor(principal, ActorKind.OPERATOR),
                Requests.productId(id),
                major,
                sunset,
                ApiJson.line(json, "successor", false, 200),
                ApiJson.text(json, "reason", true, 2_000));
        return ApiJson.ok(ApiModel.detail(p, System.currentTimeMillis()));
    }

    private static LocalDate sunsetDate(String text) {
        LocalDate sunset;
        try {
            // four-digit years only: LocalDate also reads "+999999999-12-31", which the event's date (days in an
            // Avro int) would silently wrap to another date
            sunset = ISO_DATE.matcher(text).matches() ? LocalDate.parse(text) : null;
        } catch (DateTimeParseException e) {
            sunset = null;
        }
        if (sunset == null) {
            throw ApiException.badRequest(
                    "sunsetDate '" + Requests.abbreviate(text) + "' is not a date", "use YYYY-MM-DD, e.g. 2027-06-30");
        }
        if (sunset.isBefore(LocalDate.now(java.time.ZoneOffset.UTC))) {
            throw ApiException.badRequest("sunsetDate " + sunset + " is in the past", "give a future date");
        }
        return sunset;
    }

    @Post("/products/{id}/retirements")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Retire a deprecated major version: final; its subscriptions are revoked")
    @RequestBody(content = @Content(schema = @Schema(example = "{\"major\": 1, \"reason\": \"sunset reached\"}")))
    HttpResponse<String> retire(
            @PathVariable String id,
            @Nullable @Body String body,
            @Nullable @Header(Requests.PRINCIPAL_HEADER) String principal) {
        JsonNode json =
                ApiJson.object(body, Set.of("major", "reason"), "{\"major\": 1, \"reason\": \"sunset reached\"}");
        ProductView p = commands.retire(
                Requests.actor(principal, ActorKind.OPERATOR),
                Requests.productId(id),
                ApiJson.integer(json, "major", true, 0, 100_000),
                ApiJson.text(json, "reason", true, 2_000));
        return ApiJson.ok(ApiModel.detail(p, System.currentTimeMillis()));
    }

    @Post("/products/{id}/pauses")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Pause a major version: its service is asked to stop writing")
    HttpResponse<String> pause(
            @PathVariable String id,
            @Nullable @Body String body,
            @Nullable @Header(Requests.PRINCIPAL_HEADER) String principal) {
        return pauseOrResume(id, body, principal, true);
    }

    @Post("/products/{id}/resumptions")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Resume a paused major version")
    HttpResponse<String> resume(
            @PathVariable String id,
            @Nullable @Body String body,
            @Nullable @Header(Requests.PRINCIPAL_HEADER) String principal) {
        return pauseOrResume(id, body, principal, false);
    }

    private HttpResponse<String> pauseOrResume(String id, String body, String principal, boolean pause) {
        JsonNode json = ApiJson.object(body, Set.of("major", "reason"), "{\"major\": 1, \"reason\": \"INC-1234\"}");
        ProductView p = commands.pause(
                Requests.actor(principal, ActorKind.OPERATOR),
                Requests.productId(id),
                ApiJson.integer(json, "major", true, 0, 100_000),
                ApiJson.text(json, "reason", true, 2_000),
                pause);
        return ApiJson.ok(ApiModel.detail(p, System.currentTimeMillis()));
    }

    private static String classification(String classification) {
        if (classification == null) {
            return null;
        }
        String c = classification.toLowerCase(Locale.ROOT);
        if (!List.of("public", "internal", "confidential", "restricted").contains(c)) {
            throw ApiException.badRequest(
                    "'" + Requests.abbreviate(classification) + "' is not a classification",
                    "use one of public, internal, confidential, restricted");
        }
        return c;
    }

    static Comparator<ProductView> byId() {
        return Comparator.comparing(ProductView::id);
    }
}
