package io.meshwork.platform.server.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.catalog.CatalogProjection;
import io.meshwork.catalog.SubscriptionStatus;
import io.meshwork.catalog.SubscriptionView;
import io.meshwork.schemas.common.ActorKind;
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

/**
 * Subscriptions: a consumer asks to read a product's major version; public and internal products grant at once,
 * confidential and restricted ones wait for an owner's or operator's approval.
 */
@Controller("/api/v1/subscriptions")
@Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "subscriptions")
class SubscriptionsController {
    private static final String EXAMPLE = "{\"product\": \"sales.orders\", \"major\": 1, \"consumer\":"
            + " \"User:finance-revenue\", \"consumerProduct\": \"finance.revenue\", \"purpose\": \"daily revenue\"}";

    private final CatalogProjection projection;
    private final CatalogCommands commands;

    SubscriptionsController(CatalogProjection projection, CatalogCommands commands) {
        this.projection = projection;
        this.commands = commands;
    }

    @Get
    @Operation(summary = "List subscriptions, by product, consumer or status")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiModel.Page.class)))
    HttpResponse<String> list(
            @Nullable @QueryValue String product,
            @Nullable @QueryValue String consumer,
            @Nullable @QueryValue String status,
            // read as text so that a non-number gets the catalog's own 400; documented as the integer it must be
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "500", defaultValue = "50"))
                    @Nullable
                    @QueryValue
                    String limit,
            @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")) @Nullable @QueryValue
                    String offset) {
        String p = product == null ? null : Requests.productId(product);
        String c = Requests.filter("consumer", consumer);
        SubscriptionStatus s = status(status);
        int lim = Requests.limit(limit);
        int off = Requests.offset(offset);
        List<SubscriptionView> all =
                projection.subscriptions(x -> (p == null || x.productId().equals(p))
                        && (c == null || x.consumer().equals(c) || c.equals(x.consumerProductId()))
                        && (s == null || x.status() == s));
        return ApiJson.ok(new ApiModel.Page<>(
                all.size(),
                lim,
                off,
                all.stream().skip(off).limit(lim).map(ApiModel::subscription).toList()));
    }

    @Get("/{id}")
    @Operation(summary = "One subscription")
    @ApiResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = ApiModel.Subscription.class)))
    HttpResponse<String> one(@PathVariable String id) {
        return ApiJson.ok(ApiModel.subscription(projection
                .subscription(id)
                .orElseThrow(() -> ApiException.notFound(
                        40403,
                        "no subscription has id " + Requests.abbreviate(id),
                        "list subscriptions with GET /api/v1/subscriptions"))));
    }

    @Post
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary =
                    "Request a subscription; answers GRANTED at once for public and internal products, REQUESTED otherwise")
    @RequestBody(content = @Content(schema = @Schema(example = EXAMPLE)))
    @ApiResponse(
            responseCode = "201",
            content = @Content(schema = @Schema(implementation = ApiModel.Subscription.class)))
    @ApiResponse(responseCode = "422", description = "a policy denied it; details is the decision")
    HttpResponse<String> request(
            @Nullable @Body String body, @Nullable @Header(Requests.PRINCIPAL_HEADER) String principal) {
        JsonNode json =
                ApiJson.object(body, Set.of("product", "major", "consumer", "consumerProduct", "purpose"), EXAMPLE);
        String product = Requests.productId(ApiJson.text(json, "product", true, 200));
        int major = ApiJson.integer(json, "major", true, 0, 100_000);
        String consumer = ApiJson.line(json, "consumer", false, 200);
        String consumerProduct = ApiJson.text(json, "consumerProduct", false, 200);
        if (consumerProduct != null) {
            Requests.productId(consumerProduct);
        }
        String purpose = ApiJson.text(json, "purpose", true, 2_000);
        var actor = Requests.actor(principal, ActorKind.CONSUMER);
        CatalogCommands.SubscriptionAnswer answer = commands.subscribe(
                actor, product, major, consumer == null ? actor.getPrincipal() : consumer, consumerProduct, purpose);
        return ApiJson.respond(HttpStatus.CREATED, ApiModel.subscription(answer.subscription()));
    }

    @Post("/{id}/approval")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Approve a requested subscription (owner or operator)")
    HttpResponse<String> approve(
            @PathVariable String id,
            @Nullable @Body String body,
            @Nullable @Header(Requests.PRINCIPAL_HEADER) String principal) {
        String reason = optionalReason(body);
        return ApiJson.ok(ApiModel.subscription(commands.decide(
                Requests.actor(principal, ActorKind.OPERATOR), id, SubscriptionStatus.GRANTED, reason)));
    }

    @Post("/{id}/denial")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Deny a requested subscription, with a reason")
    HttpResponse<String> deny(
            @PathVariable String id,
            @Nullable @Body String body,
            @Nullable @Header(Requests.PRINCIPAL_HEADER) String principal) {
        JsonNode json = ApiJson.object(body, Set.of("reason"), "{\"reason\": \"purpose does not match the terms\"}");
        return ApiJson.ok(ApiModel.subscription(commands.decide(
                Requests.actor(principal, ActorKind.OPERATOR),
                id,
                SubscriptionStatus.DENIED,
                ApiJson.text(json, "reason", true, 2_000))));
    }

    @Post("/{id}/revocation")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Revoke a requested or granted subscription, with a reason")
    HttpResponse<String> revoke(
            @PathVariable String id,
            @Nullable @Body String body,
            @Nullable @Header(Requests.PRINCIPAL_HEADER) String principal) {
        JsonNode json = ApiJson.object(body, Set.of("reason"), "{\"reason\": \"no longer needed\"}");
        return ApiJson.ok(ApiModel.subscription(commands.decide(
                Requests.actor(principal, ActorKind.OPERATOR),
                id,
                SubscriptionStatus.REVOKED,
                ApiJson.text(json, "reason", true, 2_000))));
    }

    private static String optionalReason(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        return ApiJson.text(
                ApiJson.object(body, Set.of("reason"), "{\"reason\": \"approved for INC-7\"}"), "reason", false, 2_000);
    }

    private static SubscriptionStatus status(String status) {
        if (status == null) {
            return null;
        }
        try {
            return SubscriptionStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    "'" + Requests.abbreviate(status) + "' is not a subscription status",
                    "use one of requested, granted, denied, revoked");
        }
    }
}
