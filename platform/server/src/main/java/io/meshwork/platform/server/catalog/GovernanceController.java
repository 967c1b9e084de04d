package io.meshwork.platform.server.catalog;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.catalog.CatalogLog;
import io.meshwork.catalog.CatalogProjection;
import io.meshwork.governance.GovernanceEngine;
import io.meshwork.schemas.common.ActorKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Governance: the dry run, the policies in force, and the catalog's own health. */
@Controller("/api/v1")
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "governance")
class GovernanceController {
    private final CatalogCommands commands;
    private final GovernanceEngine engine;
    private final CatalogProjection projection;
    private final CatalogLog log;

    GovernanceController(
            CatalogCommands commands, GovernanceEngine engine, CatalogProjection projection, CatalogLog log) {
        this.commands = commands;
        this.engine = engine;
        this.projection = projection;
        this.log = log;
    }

    @Post("/checks")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary = "Dry run: every policy's result, the changelog and the compatibility verdict for a descriptor and"
                    + " its schemas; changes nothing")
    @RequestBody(content = @Content(schema = @Schema(implementation = ProductsController.DeclareRequest.class)))
    @ApiResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ApiModel.CheckResult.class)))
    HttpResponse<String> check(
            @Nullable @Body String body, @Nullable @Header(Requests.PRINCIPAL_HEADER) String principal) {
        JsonNode json = ApiJson.object(
                body,
                Set.of("descriptor", "schemas", "file"),
                "{\"descriptor\": \"<dataproduct.yaml text>\", \"schemas\": {\"sales.orders.v1-value\": \"...\"}}");
        CatalogCommands.Declaration declaration;
        try {
            declaration = ProductsController.declaration(json);
        } catch (ApiException e) {
            if (e.errorCode() != 40002) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<ApiModel.DescriptorProblem> problems = (List<ApiModel.DescriptorProblem>) e.details();
            return ApiJson.ok(
                    new ApiModel.CheckResult(null, null, "DENIED", problems, List.of(), List.of(), List.of()));
        }
        return ApiJson.ok(commands.check(Requests.actor(principal, ActorKind.DOMAIN), declaration));
    }

    @Get("/policies")
    @Operation(summary = "Every governance policy, with its default and effective severity and the actions it judges")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiModel.Policy.class)))
    HttpResponse<String> policies() {
        List<ApiModel.Policy> policies = engine.policies().stream()
                .map(p -> new ApiModel.Policy(
                        p.id(),
                        p.title(),
                        p.rationale(),
                        p.defaultSeverity().name(),
                        engine.settings().globalSeverity(p).name(),
                        p.appliesTo().stream().map(Enum::name).sorted().toList()))
                .toList();
        return ApiJson.ok(policies);
    }

    @Get("/catalog")
    @Operation(summary = "The catalog's state hash and counters (equal on every instance that folded the same topics)")
    @ApiResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ApiModel.CatalogState.class)))
    HttpResponse<String> state() {
        CatalogProjection.Counters c = projection.counters();
        return ApiJson.ok(new ApiModel.CatalogState(
                projection.stateHash(),
                c.products(),
                c.applied(),
                c.refused(),
                c.heartbeatsRefused(),
                log.quarantinedCount()));
    }

    @Get("/quarantine")
    @Operation(summary = "The most recent lifecycle records set aside as unreadable, with the reason")
    @ApiResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ApiModel.Quarantined.class)))
    HttpResponse<String> quarantine() {
        return ApiJson.ok(log.recentlyQuarantined().stream()
                .map(q -> new ApiModel.Quarantined(q.topic(), q.partition(), q.offset(), q.reason()))
                .toList());
    }
}
