package io.meshwork.platform.server.catalog;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.meshwork.catalog.CatalogProjection;
import io.meshwork.catalog.PlatformEventWriter;
import io.meshwork.catalog.ProductStatus;
import io.meshwork.catalog.ProductView;
import io.meshwork.catalog.SubscriptionStatus;
import io.meshwork.catalog.SubscriptionView;
import io.meshwork.catalog.VersionStatus;
import io.meshwork.descriptor.CanonicalJson;
import io.meshwork.descriptor.DescriptorException;
import io.meshwork.descriptor.DescriptorParser;
import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.descriptor.SemanticVersion;
import io.meshwork.governance.CompatibilityOracle;
import io.meshwork.governance.GovernanceEngine;
import io.meshwork.governance.PolicyInput;
import io.meshwork.registry.CompatibilityLevel;
import io.meshwork.registry.RegistryException;
import io.meshwork.registry.SchemaRegistry;
import io.meshwork.schemas.common.Actor;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.governance.PolicyOutcome;
import io.meshwork.schemas.governance.PolicyResult;
import io.meshwork.schemas.governance.Severity;
import io.meshwork.schemas.governance.Verdict;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import io.meshwork.schemas.lifecycle.ProductDeclared;
import io.meshwork.schemas.lifecycle.ProductDeprecated;
import io.meshwork.schemas.lifecycle.ProductPaused;
import io.meshwork.schemas.lifecycle.ProductResumed;
import io.meshwork.schemas.lifecycle.ProductRetired;
import io.meshwork.schemas.lifecycle.PublicationRequested;
import io.meshwork.schemas.lifecycle.SchemaDocument;
import io.meshwork.schemas.lifecycle.SchemaRole;
import io.meshwork.schemas.lifecycle.SubscriptionDenied;
import io.meshwork.schemas.lifecycle.SubscriptionGranted;
import io.meshwork.schemas.lifecycle.SubscriptionRequested;
import io.meshwork.schemas.lifecycle.SubscriptionRevoked;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;

/**
 * What callers of the catalog API ask the mesh to do: each command is checked against the catalog first (so the
 * caller gets a precise refusal instead of an event the catalog would refuse), written as a lifecycle event, and
 * answered once the catalog (and, where governance decides, the governor) has applied it.
 */
@Singleton
class CatalogCommands {
    private static final Duration DECISION_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SUCCESSOR = Pattern.compile("(.+)\\.v(0|[1-9][0-9]{0,5})");

    private final CatalogProjection projection;
    private final PlatformEventWriter writer;
    private final GovernanceEngine engine;
    private final CompatibilityOracle oracle;
    private final SchemaRegistry registry;

    CatalogCommands(
            CatalogProjection projection,
            PlatformEventWriter writer,
            GovernanceEngine engine,
            CompatibilityOracle oracle,
            SchemaRegistry registry) {
        this.projection = projection;
        this.writer = writer;
        this.engine = engine;
        this.oracle = oracle;
        this.registry = registry;
    }

    /** A descriptor and its schemas by subject, as sent by a client. */
    record Declaration(ParsedDescriptor descriptor, List<SchemaDocument> schemas, Map<String, Schema> parsed) {}

    /**
     * Reads a descriptor and its schemas; every problem becomes a 400 naming the file, line, field and fix.
     *
     * @param file the file name to name in problems
     */
    static Declaration read(String file, String yaml, Map<String, String> schemas) {
        ParsedDescriptor parsed;
        try {
            parsed = DescriptorParser.parse(file, yaml);
        } catch (DescriptorException e) {
            throw new ApiException(
                    400,
                    40002,
                    "the descriptor has " + e.problems().size() + " problem(s): "
                            + e.problems().get(0),
                    "fix each problem listed in \"details\" and send it again",
                    e.problems().stream()
                            .map(p -> new ApiModel.DescriptorProblem(
                                    p.file(), p.line(), p.column(), p.field(), p.message(), p.fix()))
                            .toList());
        }
        ProductDescriptor d = parsed.descriptor();
        List<SchemaDocument> documents = new ArrayList<>();
        Map<String, Schema> avro = new TreeMap<>();
        List<String> expected = new ArrayList<>();
        for (OutputPort port : d.outputPorts()) {
            for (SchemaRole role : List.of(SchemaRole.VALUE, SchemaRole.KEY)) {
                String subject = port.topic() + (role == SchemaRole.VALUE ? "-value" : "-key");
                expected.add(subject);
                String text = schemas.get(subject);
                if (text == null) {
                    if (role == SchemaRole.VALUE || port.keySchema() != null) {
                        throw ApiException.badRequest(
                                "no schema was sent for " + subject + " (output port " + port.topic() + ")",
                                "send the " + role.name().toLowerCase() + " schema's .avsc text under \"schemas\": {\""
                                        + subject + "\": \"...\"}");
                    }
                    continue;
                }
                try {
                    avro.put(subject, new Schema.Parser().parse(text));
                } catch (RuntimeException e) {
                    throw ApiException.badRequest(
                            "the schema sent for " + subject + " is not a valid Avro schema: " + avroProblem(e),
                            "fix the .avsc file of output port " + port.topic());
                }
                documents.add(SchemaDocument.newBuilder()
                        .setRole(role)
                        .setTopic(port.topic())
                        .setSubject(subject)
                        .setSchemaType("AVRO")
                        .setSchemaText(text)
                        .build());
            }
        }
        for (String subject : schemas.keySet()) {
            if (!expected.contains(subject)) {
                throw ApiException.badRequest(
                        "a schema was sent for " + subject + " but no output port of " + d.id() + " uses it",
                        "send schemas only for " + expected);
            }
        }
        return new Declaration(parsed, documents, avro);
    }

    // ----------------------------------------------------------------------------------------------- lifecycle

    ProductView declare(Actor actor, Declaration declaration) {
        ProductDescriptor d = declaration.descriptor().descriptor();
        projection.product(d.id()).ifPresent(p -> checkRedeclaration(p, d.version()));
        LifecycleEvent event = Requests.event(
                actor,
                d.id(),
                ProductDeclared.newBuilder()
                        .setVersion(d.version())
                        .setDescriptor(CanonicalJson.write(d))
                        .setSchemas(declaration.schemas())
                        .build());
        writeAndCheck(event);
        return projection.product(d.id()).orElseThrow();
    }

    /** The catalog's rules for declaring a version of a known product, checked before anything is written. */
    private static void checkRedeclaration(ProductView product, String version) {
        SemanticVersion v = SemanticVersion.parse(version);
        Optional<ProductView.Line> line = product.line(v.major());
        if (line.isPresent() && line.get().status() == ProductStatus.RETIRED) {
            throw ApiException.conflict(
                    product.id() + " v" + v.major() + " is retired and cannot take new versions",
                    "declare version " + (v.major() + 1) + ".0.0 (topic " + product.id() + ".v" + (v.major() + 1)
                            + ")");
        }
        String active = line.map(ProductView.Line::activeVersion).orElse(null);
        if (active != null && SemanticVersion.parse(active).compareTo(v) >= 0) {
            throw ApiException.conflict(
                    product.id() + " " + version + " is not newer than the active version " + active,
                    "raise version in dataproduct.yaml above " + active);
        }
        Optional<VersionStatus> existing = product.version(version).map(ProductView.Version::status);
        if (existing.isPresent()
                && (existing.get() == VersionStatus.PUBLISHED || existing.get() == VersionStatus.PENDING)) {
            throw ApiException.conflict(
                    product.id() + " " + version + " is already "
                            + existing.get().name().toLowerCase(Locale.ROOT),
                    existing.get() == VersionStatus.PENDING
                            ? "wait for the governance decision before declaring it again"
                            : "declare a new version instead");
        }
    }

    /** Avro wraps a JSON syntax error with the parser's class name and internals; keep what and where. */
    private static String avroProblem(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                JsonLocation at = json.getLocation();
                return "it is not JSON"
                        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                        + json.getOriginalMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The answer to a publication request: the decision, and the product after it. */
    record Publication(GovernanceDecision decision, ProductView product) {}

    Publication requestPublication(Actor actor, String productId, String version) {
        ProductView product = product(productId);
        ProductView.Version v = product.version(version)
                .orElseThrow(() -> ApiException.notFound(
                        40402,
                        productId + " has no version " + version,
                        "declare it first (POST /api/v1/products); declared versions: "
                                + product.versions().stream()
                                        .map(ProductView.Version::version)
                                        .toList()));
        if (v.status() == VersionStatus.PENDING || v.status() == VersionStatus.PUBLISHED) {
            throw ApiException.conflict(
                    productId + " " + version + " is already "
                            + v.status().name().toLowerCase(),
                    v.status() == VersionStatus.PENDING
                            ? "wait for the governance decision"
                            : "declare and publish a newer version");
        }
        ProductView.Line line = product.line(v.major()).orElseThrow();
        String previousJson = line.activeVersion() == null
                ? null
                : product.version(line.activeVersion())
                        .map(ProductView.Version::descriptorJson)
                        .orElse(null);
        LifecycleEvent event = Requests.event(
                actor,
                productId,
                PublicationRequested.newBuilder()
                        .setVersion(version)
                        .setPreviousVersion(line.activeVersion())
                        .setDescriptor(v.descriptorJson())
                        .setPreviousDescriptor(previousJson)
                        .setSchemas(v.schemas())
                        .build());
        writeAndCheck(event);
        ProductView.Version decided = await(
                () -> projection
                        .product(productId)
                        .flatMap(p -> p.version(version))
                        .filter(x -> x.status() != VersionStatus.PENDING),
                "the governance decision on " + productId + " " + version);
        // the version's status and the decision arrive on different topics: the decision may fold a moment later
        GovernanceDecision decision = await(
                () -> projection.decision(decided.decisionId()),
                "the governance decision " + decided.decisionId() + " on " + productId + " " + version);
        if (decided.status() == VersionStatus.REJECTED) {
            throw new ApiException(
                    422,
                    42201,
                    productId + " " + version + " was rejected: " + blockers(decision),
                    "fix what each failed policy says (see \"details\") and request publication again",
                    ApiModel.decision(decision));
        }
        return new Publication(decision, projection.product(productId).orElseThrow());
    }

    ProductView deprecate(Actor actor, String productId, int major, LocalDate sunset, String successor, String reason) {
        ProductView.Line line = line(productId, major);
        if (line.status() != ProductStatus.ACTIVE) {
            throw ApiException.conflict(
                    productId + " v" + major + " is " + line.status() + "; only an ACTIVE version can be deprecated",
                    line.status() == ProductStatus.DEPRECATED ? "it already is" : "publish it first");
        }
        String successorProduct = null;
        Integer successorMajor = null;
        if (successor != null) {
            Matcher m = SUCCESSOR.matcher(successor);
            if (!m.matches() || !Requests.isProductId(m.group(1)) || Integer.parseInt(m.group(2)) > 100_000) {
                throw ApiException.badRequest(
                        "successor '" + Requests.abbreviate(successor) + "' is not <product id>.v<major>",
                        "name the successor like sales.orders.v2");
            }
            successorProduct = m.group(1);
            successorMajor = Integer.parseInt(m.group(2));
        }
        writeAndCheck(Requests.event(
                actor,
                productId,
                ProductDeprecated.newBuilder()
                        .setMajor(major)
                        .setSuccessorProductId(successorProduct)
                        .setSuccessorMajor(successorMajor)
                        .setSunsetDate(sunset)
                        .setReason(reason)
                        .build()));
        return projection.product(productId).orElseThrow();
    }

    ProductView retire(Actor actor, String productId, int major, String reason) {
        ProductView.Line line = line(productId, major);
        if (line.status() != ProductStatus.DEPRECATED) {
            throw ApiException.conflict(
                    productId + " v" + major + " is " + line.status() + "; only a DEPRECATED version can be retired",
                    line.status() == ProductStatus.RETIRED
                            ? "it already is"
                            : "deprecate it first, with a sunset date");
        }
        writeAndCheck(Requests.event(
                actor,
                productId,
                ProductRetired.newBuilder().setMajor(major).setReason(reason).build()));
        return projection.product(productId).orElseThrow();
    }

    ProductView pause(Actor actor, String productId, int major, String reason, boolean pause) {
        ProductView.Line line = line(productId, major);
        if (pause
                && (line.paused()
                        || !(line.status() == ProductStatus.ACTIVE || line.status() == ProductStatus.DEPRECATED))) {
            throw ApiException.conflict(
                    productId + " v" + major + " is " + line.status() + (line.paused() ? " and paused" : "")
                            + "; only a running ACTIVE or DEPRECATED version can be paused",
                    line.paused() ? "resume it first" : "publish it first");
        }
        if (!pause && !line.paused()) {
            throw ApiException.conflict(productId + " v" + major + " is not paused", "nothing to resume");
        }
        Object payload = pause
                ? ProductPaused.newBuilder().setMajor(major).setReason(reason).build()
                : ProductResumed.newBuilder().setMajor(major).setReason(reason).build();
        writeAndCheck(Requests.event(actor, productId, payload));
        return projection.product(productId).orElseThrow();
    }

    // ------------------------------------------------------------------------------------------- subscriptions

    /** The answer to a subscription request: the decision, and the subscription after it. */
    record SubscriptionAnswer(GovernanceDecision decision, SubscriptionView subscription) {}

    SubscriptionAnswer subscribe(
            Actor actor, String productId, int major, String consumer, String consumerProductId, String purpose) {
        ProductView.Line line = line(productId, major);
        if (!(line.status() == ProductStatus.ACTIVE || line.status() == ProductStatus.DEPRECATED)) {
            throw ApiException.conflict(
                    productId + " v" + major + " is " + line.status() + "; only ACTIVE or DEPRECATED versions can be"
                            + " subscribed to",
                    "subscribe to an active major version: "
                            + product(productId).lines().stream()
                                    .filter(l -> l.status() == ProductStatus.ACTIVE)
                                    .map(ProductView.Line::topic)
                                    .toList());
        }
        String id = UUID.randomUUID().toString();
        writeAndCheck(Requests.event(
                actor,
                productId,
                SubscriptionRequested.newBuilder()
                        .setSubscriptionId(id)
                        .setConsumer(consumer)
                        .setConsumerProductId(consumerProductId)
                        .setMajor(major)
                        .setPurpose(purpose)
                        .build()));
        String decisionId = GovernanceEngine.deterministicDecisionId("subscribe:" + id);
        GovernanceDecision decision =
                await(() -> projection.decision(decisionId), "the governance decision on subscription " + id);
        SubscriptionView s = projection.subscription(id).orElseThrow();
        if (decision.getVerdict() == Verdict.DENIED) {
            throw new ApiException(
                    422,
                    42202,
                    "subscription to " + productId + " v" + major + " denied: " + blockers(decision),
                    "fix what each failed policy says (see \"details\") and request again",
                    ApiModel.decision(decision));
        }
        return new SubscriptionAnswer(decision, s);
    }

    SubscriptionView decide(Actor actor, String subscriptionId, SubscriptionStatus to, String reason) {
        SubscriptionView s = projection
                .subscription(subscriptionId)
                .orElseThrow(() -> ApiException.notFound(
                        40403,
                        "no subscription has id " + Requests.abbreviate(subscriptionId),
                        "list subscriptions with GET /api/v1/subscriptions"));
        boolean allowed =
                switch (to) {
                    case GRANTED, DENIED -> s.status() == SubscriptionStatus.REQUESTED;
                    case REVOKED ->
                        s.status() == SubscriptionStatus.REQUESTED || s.status() == SubscriptionStatus.GRANTED;
                    default -> false;
                };
        if (!allowed) {
            throw ApiException.conflict(
                    "subscription " + subscriptionId + " is " + s.status() + " and cannot become " + to,
                    to == SubscriptionStatus.REVOKED
                            ? "only requested or granted subscriptions can be revoked"
                            : "only requested subscriptions can be approved or denied");
        }
        Object payload =
                switch (to) {
                    case GRANTED ->
                        SubscriptionGranted.newBuilder()
                                .setSubscriptionId(subscriptionId)
                                .setApprovedBy(actor.getPrincipal())
                                .setAutomatic(false)
                                .build();
                    case DENIED ->
                        SubscriptionDenied.newBuilder()
                                .setSubscriptionId(subscriptionId)
                                .setDeniedBy(actor.getPrincipal())
                                .setReason(reason)
                                .build();
                    default ->
                        SubscriptionRevoked.newBuilder()
                                .setSubscriptionId(subscriptionId)
                                .setRevokedBy(actor.getPrincipal())
                                .setReason(reason)
                                .build();
                };
        writeAndCheck(Requests.event(actor, s.productId(), payload));
        return projection.subscription(subscriptionId).orElseThrow();
    }

    // ----------------------------------------------------------------------------------------------- dry run

    ApiModel.CheckResult check(Actor actor, Declaration declaration) {
        ProductDescriptor d = declaration.descriptor().descriptor();
        Optional<ProductView> existing = projection.product(d.id());
        ParsedDescriptor previous = null;
        if (existing.isPresent()) {
            previous = existing.get()
                    .line(d.major())
                    .map(ProductView.Line::activeVersion)
                    .flatMap(existing.get()::version)
                    .map(v -> ParsedDescriptor.of(v.descriptor()))
                    .orElse(null);
        }
        Map<String, Schema> previousSchemas = new TreeMap<>();
        for (String subject : declaration.parsed().keySet()) {
            try {
                previousSchemas.put(
                        subject,
                        new Schema.Parser()
                                .parse(registry.version(subject, "latest", false)
                                        .schema()
                                        .schema()));
            } catch (RegistryException | org.apache.avro.SchemaParseException e) {
                // no history: nothing to compare against
            }
        }
        GovernanceDecision decision = engine.decide(
                UUID.randomUUID().toString(),
                System.currentTimeMillis(),
                actor,
                PolicyInput.check(
                        declaration.descriptor(),
                        declaration.parsed(),
                        previous,
                        previousSchemas,
                        existing.map(CatalogFacts::of).orElse(io.meshwork.governance.ProductFacts.NONE)),
                true);
        List<ApiModel.SubjectCompatibility> compatibility = new ArrayList<>();
        for (OutputPort port : d.outputPorts()) {
            CompatibilityLevel level = CompatibilityLevel.valueOf(port.effectiveCompatibility());
            for (Map.Entry<String, Schema> e : declaration.parsed().entrySet()) {
                if (e.getKey().startsWith(port.topic() + "-")) {
                    List<String> problems = oracle.incompatibilities(e.getKey(), e.getValue(), level);
                    compatibility.add(
                            new ApiModel.SubjectCompatibility(e.getKey(), level.name(), problems.isEmpty(), problems));
                }
            }
        }
        return new ApiModel.CheckResult(
                d.id(),
                d.version(),
                decision.getVerdict().name(),
                List.of(),
                decision.getResults().stream().map(ApiModel::outcome).toList(),
                decision.getChanges().stream().map(ApiModel::change).toList(),
                compatibility);
    }

    // --------------------------------------------------------------------------------------------------- helpers

    ProductView product(String productId) {
        return projection
                .product(Requests.productId(productId))
                .orElseThrow(() -> ApiException.notFound(
                        40401,
                        "no product has id " + productId,
                        "list products with GET /api/v1/products or search with GET /api/v1/search?q=..."));
    }

    private ProductView.Line line(String productId, int major) {
        ProductView product = product(productId);
        return product.line(major)
                .orElseThrow(() -> ApiException.notFound(
                        40404,
                        productId + " has no major version " + major,
                        "use one of "
                                + product.lines().stream()
                                        .map(ProductView.Line::major)
                                        .toList()));
    }

    /** Writes the event, waits for the fold, and turns a refusal by the catalog into a 409. */
    private void writeAndCheck(LifecycleEvent event) {
        try {
            writer.write(PlatformEventWriter.Batch.of(event));
        } catch (IllegalStateException e) {
            throw new ApiException(
                    503, 50301, "the platform could not write to Kafka: " + e.getMessage(), "retry when Kafka is back");
        }
        Optional<ProductView.TimelineEntry> entry = projection
                .product(event.getProductId())
                .flatMap(p -> p.timeline().stream()
                        .filter(t -> t.eventId().equals(event.getEventId()))
                        .findFirst());
        if (entry.isEmpty()) {
            Optional<ProductView.TimelineEntry> orphan = projection.orphanEvents().stream()
                    .filter(t -> t.eventId().equals(event.getEventId()))
                    .findFirst();
            throw ApiException.conflict(
                    orphan.map(ProductView.TimelineEntry::refusal).orElse("the catalog did not apply the event"),
                    "see GET /api/v1/products/" + event.getProductId() + "/audit");
        }
        if (entry.get().refused()) {
            throw ApiException.conflict(
                    entry.get().refusal(), "see GET /api/v1/products/" + event.getProductId() + "/audit");
        }
    }

    private static <T> T await(Supplier<Optional<T>> probe, String what) {
        long deadline = System.nanoTime() + DECISION_TIMEOUT.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new ApiException(
                        503,
                        50302,
                        "the platform did not reach " + what + " within " + DECISION_TIMEOUT.toSeconds() + " s",
                        "check that the platform's governor is running (platform log), then look again");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(503, 50303, "interrupted while waiting for " + what, "retry");
            }
        }
    }

    static String blockers(GovernanceDecision decision) {
        List<String> failed = new ArrayList<>();
        for (PolicyResult r : decision.getResults()) {
            if (r.getOutcome() == PolicyOutcome.FAILED && r.getSeverity() == Severity.BLOCKER) {
                failed.add(r.getPolicyId() + ": " + r.getMessage());
            }
        }
        return String.join("; ", failed);
    }
}
