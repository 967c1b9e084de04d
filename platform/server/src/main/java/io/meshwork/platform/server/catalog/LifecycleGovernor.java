package io.meshwork.platform.server.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.meshwork.catalog.CatalogProjection;
import io.meshwork.catalog.PlatformEventWriter;
import io.meshwork.catalog.ProductView;
import io.meshwork.catalog.SubscriptionStatus;
import io.meshwork.catalog.SubscriptionView;
import io.meshwork.catalog.VersionStatus;
import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.governance.GovernanceEngine;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.SubscriptionInput;
import io.meshwork.registry.CompatibilityLevel;
import io.meshwork.registry.RegistryException;
import io.meshwork.registry.SchemaRegistry;
import io.meshwork.registry.SchemaRequest;
import io.meshwork.schemas.common.Actor;
import io.meshwork.schemas.common.ActorKind;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.governance.PolicyOutcome;
import io.meshwork.schemas.governance.PolicyResult;
import io.meshwork.schemas.governance.Severity;
import io.meshwork.schemas.governance.Verdict;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import io.meshwork.schemas.lifecycle.ProductPublished;
import io.meshwork.schemas.lifecycle.ProductRejected;
import io.meshwork.schemas.lifecycle.SchemaDocument;
import io.meshwork.schemas.lifecycle.SchemaRole;
import io.meshwork.schemas.lifecycle.SubscriptionDenied;
import io.meshwork.schemas.lifecycle.SubscriptionGranted;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the requests that arrive on the lifecycle topic, whoever sent them (the SDK, {@code meshctl}, the API): a
 * declaration gets an audited governance decision; a publication request gets a decision and then either a rejection
 * or, after the platform created the topic and registered the schemas, a publication; a subscription request gets a
 * decision and, for public and internal products, an automatic grant. A decision and the event it causes are
 * committed together.
 *
 * <p>Decision ids are derived from the request's event id, so a request is answered once: after a restart the answer
 * is already in the catalog and the request is no longer pending.
 */
final class LifecycleGovernor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleGovernor.class);
    static final Actor PLATFORM = new Actor("platform", ActorKind.PLATFORM);

    private final CatalogProjection projection;
    private final PlatformEventWriter writer;
    private final GovernanceEngine engine;
    private final SchemaRegistry registry;
    private final TopicProvisioner provisioner;
    private final Set<String> queue = new LinkedHashSet<>();
    private final Thread thread;
    private volatile boolean running = true;

    LifecycleGovernor(
            CatalogProjection projection,
            PlatformEventWriter writer,
            GovernanceEngine engine,
            SchemaRegistry registry,
            TopicProvisioner provisioner) {
        this.projection = projection;
        this.writer = writer;
        this.engine = engine;
        this.registry = registry;
        this.provisioner = provisioner;
        this.thread = new Thread(this::run, "lifecycle-governor");
        thread.setDaemon(true);
    }

    void start() {
        wake(Set.copyOf(projection.productIds()));
        thread.start();
    }

    /** Queues products whose requests may need an answer. */
    void wake(Set<String> productIds) {
        synchronized (queue) {
            queue.addAll(productIds);
            queue.notifyAll();
        }
    }

    private void run() {
        while (running) {
            String next;
            synchronized (queue) {
                while (running && queue.isEmpty()) {
                    try {
                        queue.wait(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                next = queue.iterator().next();
                queue.remove(next);
            }
            try {
                answer(next);
            } catch (RuntimeException e) {
                LOG.warn("Could not answer the requests of {} yet ({}); retrying", next, e.getMessage(), e);
                sleep(1_000);
                wake(Set.of(next));
            }
        }
    }

    private void answer(String productId) {
        Optional<ProductView> found = projection.product(productId);
        if (found.isEmpty()) {
            return;
        }
        ProductView product = found.get();
        for (ProductView.Version v : product.versions()) {
            if (v.declarationEventId() != null) {
                String id = GovernanceEngine.deterministicDecisionId("declare:" + v.declarationEventId());
                if (projection.decision(id).isEmpty() && v.status() == VersionStatus.DRAFT) {
                    declare(product, v, id);
                }
            }
            if (v.status() == VersionStatus.PENDING) {
                publish(product, v);
            }
        }
        for (SubscriptionView s : product.subscriptions()) {
            if (s.status() == SubscriptionStatus.REQUESTED) {
                String id = GovernanceEngine.deterministicDecisionId("subscribe:" + s.subscriptionId());
                if (projection.decision(id).isEmpty()) {
                    subscribe(product, s, id);
                }
            }
        }
    }

    private void declare(ProductView product, ProductView.Version v, String decisionId) {
        Map<String, Schema> schemas = parseAll(v.schemas(), new ArrayList<>());
        GovernanceDecision decision = engine.decide(
                decisionId,
                System.currentTimeMillis(),
                actorOf(product, v.declarationEventId()),
                PolicyInput.declare(ParsedDescriptor.of(v.descriptor()), schemas, CatalogFacts.of(product)),
                false);
        writer.write(new PlatformEventWriter.Batch(List.of(decision), List.of()));
    }

    private void publish(ProductView product, ProductView.Version v) {
        String decisionId = GovernanceEngine.deterministicDecisionId("publish:" + v.requestEventId());
        ProductDescriptor descriptor = v.descriptor();
        List<PolicyResult> extra = new ArrayList<>();
        Map<String, Schema> proposed = parseAll(v.schemas(), extra);
        ProductView.Line line = product.line(v.major()).orElseThrow();
        ParsedDescriptor previous = line.activeVersion() == null
                ? null
                : product.version(line.activeVersion())
                        .map(p -> ParsedDescriptor.of(p.descriptor()))
                        .orElse(null);
        Map<String, Schema> previousSchemas = new TreeMap<>();
        for (String subject : proposed.keySet()) {
            latest(subject).ifPresent(s -> previousSchemas.put(subject, s));
        }
        Actor actor = actorOf(product, v.requestEventId());
        GovernanceDecision decision = engine.decide(
                decisionId,
                System.currentTimeMillis(),
                actor,
                PolicyInput.publish(
                        ParsedDescriptor.of(descriptor), proposed, previous, previousSchemas, CatalogFacts.of(product)),
                false);
        if (!extra.isEmpty()) {
            decision = deny(decision, extra);
        }
        if (decision.getVerdict() == Verdict.DENIED) {
            reject(product, v, decision);
            return;
        }
        ProductPublished published;
        try {
            published = provision(product, v, proposed, decisionId);
        } catch (RegistryException | IllegalStateException e) {
            String policy = e instanceof RegistryException ? "registry.registration" : "topic.provisioning";
            decision = deny(
                    decision,
                    List.of(result(
                            policy,
                            "the platform could not provision " + product.id() + " " + v.version() + ": "
                                    + e.getMessage(),
                            e instanceof RegistryException
                                    ? "make the schema compatible with its subject's history, or publish it as a"
                                            + " new major version"
                                    : "check that Kafka is reachable and the topic settings are valid, then request"
                                            + " publication again")));
            reject(product, v, decision);
            return;
        }
        writer.write(new PlatformEventWriter.Batch(
                List.of(decision), List.of(event(product.id(), published, v.requestEventId()))));
        LOG.info("Published {} {} on {}", product.id(), v.version(), published.getTopic());
    }

    private void reject(ProductView product, ProductView.Version v, GovernanceDecision decision) {
        List<PolicyResult> failed = decision.getResults().stream()
                .filter(r -> r.getOutcome() == PolicyOutcome.FAILED)
                .toList();
        ProductRejected rejected = ProductRejected.newBuilder()
                .setVersion(v.version())
                .setDecisionId(decision.getDecisionId())
                .setResults(failed)
                .build();
        writer.write(new PlatformEventWriter.Batch(
                List.of(decision), List.of(event(product.id(), rejected, v.requestEventId()))));
        LOG.info("Rejected {} {}: {} failed policies", product.id(), v.version(), failed.size());
    }

    private ProductPublished provision(
            ProductView product, ProductView.Version v, Map<String, Schema> proposed, String decisionId) {
        ProductDescriptor d = v.descriptor();
        OutputPort port = d.outputPorts().stream()
                .filter(p -> p.topic().equals(product.id() + ".v" + v.major()))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("no output port writes " + product.id() + ".v" + v.major()));
        TopicProvisioner.Provisioned topic = provisioner.provision(port);
        String valueSubject = port.topic() + "-value";
        String keySubject = port.topic() + "-key";
        CompatibilityLevel level = CompatibilityLevel.valueOf(port.effectiveCompatibility());
        Integer valueId = null;
        Integer keyId = null;
        for (SchemaDocument s : v.schemas()) {
            if (!s.getTopic().equals(port.topic())) {
                continue;
            }
            if (subjectLevel(s.getSubject()) != level) {
                registry.setCompatibility(s.getSubject(), level);
            }
            int id = registry.register(s.getSubject(), SchemaRequest.avro(s.getSchemaText()), false)
                    .id();
            if (s.getRole() == SchemaRole.KEY) {
                keyId = id;
            } else {
                valueId = id;
            }
        }
        if (valueId == null) {
            throw new IllegalStateException("no value schema was declared for " + port.topic());
        }
        return ProductPublished.newBuilder()
                .setVersion(v.version())
                .setMajor(v.major())
                .setTopic(port.topic())
                .setValueSubject(valueSubject)
                .setValueSchemaId(valueId)
                .setKeySubject(keyId == null ? null : keySubject)
                .setKeySchemaId(keyId)
                .setPartitions(topic.partitions())
                .setDecisionId(decisionId)
                .build();
    }

    private void subscribe(ProductView product, SubscriptionView s, String decisionId) {
        SubscriptionInput request = new SubscriptionInput(s.consumer(), s.consumerProductId(), s.major(), s.purpose());
        Optional<ProductView.Version> current =
                product.line(s.major()).map(l -> l.activeVersion()).flatMap(product::version);
        GovernanceDecision decision = engine.decide(
                decisionId,
                System.currentTimeMillis(),
                new Actor(s.consumer(), ActorKind.CONSUMER),
                PolicyInput.subscribe(
                        product.id(),
                        request,
                        current.map(c -> ParsedDescriptor.of(c.descriptor())).orElse(null),
                        CatalogFacts.of(product)),
                false);
        Object payload = null;
        if (decision.getVerdict() == Verdict.DENIED) {
            String reasons = String.join(
                    "; ",
                    decision.getResults().stream()
                            .filter(r -> r.getOutcome() == PolicyOutcome.FAILED && r.getSeverity() == Severity.BLOCKER)
                            .map(r -> r.getMessage() + (r.getFix() == null ? "" : " (fix: " + r.getFix() + ")"))
                            .toList());
            payload = SubscriptionDenied.newBuilder()
                    .setSubscriptionId(s.subscriptionId())
                    .setDeniedBy("platform")
                    .setReason(reasons)
                    .build();
        } else if (product.descriptor().classification() == null
                || !product.descriptor().classification().needsApproval()) {
            payload = SubscriptionGranted.newBuilder()
                    .setSubscriptionId(s.subscriptionId())
                    .setApprovedBy("platform")
                    .setAutomatic(true)
                    .build();
        }
        writer.write(new PlatformEventWriter.Batch(
                List.of(decision), payload == null ? List.of() : List.of(event(product.id(), payload, decisionId))));
    }

    /** @return the subject's own compatibility level, or null when it has none (the global level applies) */
    private CompatibilityLevel subjectLevel(String subject) {
        try {
            return registry.subjectCompatibility(subject, false);
        } catch (RegistryException e) {
            return null;
        }
    }

    private Optional<Schema> latest(String subject) {
        try {
            return Optional.of(new Schema.Parser()
                    .parse(registry.version(subject, "latest", false).schema().schema()));
        } catch (RegistryException | org.apache.avro.SchemaParseException e) {
            return Optional.empty();
        }
    }

    /** Parses every Avro schema by subject; one that does not parse becomes a failed result in {@code problems}. */
    static Map<String, Schema> parseAll(List<SchemaDocument> documents, List<PolicyResult> problems) {
        Map<String, Schema> out = new TreeMap<>();
        for (SchemaDocument s : documents) {
            try {
                out.put(s.getSubject(), new Schema.Parser().parse(s.getSchemaText()));
            } catch (RuntimeException e) {
                problems.add(result(
                        "schema.valid",
                        "the schema for " + s.getSubject() + " is not a valid Avro schema: " + e.getMessage(),
                        "fix the .avsc file named by the output port"));
            }
        }
        return out;
    }

    static PolicyResult result(String policyId, String message, String fix) {
        return PolicyResult.newBuilder()
                .setPolicyId(policyId)
                .setSeverity(Severity.BLOCKER)
                .setOutcome(PolicyOutcome.FAILED)
                .setMessage(message)
                .setFix(fix)
                .build();
    }

    static GovernanceDecision deny(GovernanceDecision decision, List<PolicyResult> more) {
        List<PolicyResult> results = new ArrayList<>(decision.getResults());
        results.addAll(more);
        return GovernanceDecision.newBuilder(decision)
                .setResults(results)
                .setVerdict(Verdict.DENIED)
                .build();
    }

    private static Actor actorOf(ProductView product, String eventId) {
        return product.timeline().stream()
                .filter(t -> t.eventId().equals(eventId))
                .findFirst()
                .map(t -> new Actor(t.actor(), ActorKind.valueOf(t.actorKind())))
                .orElse(PLATFORM);
    }

    static LifecycleEvent event(String productId, Object payload, String correlationId) {
        return LifecycleEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setTime(Instant.now())
                .setActor(PLATFORM)
                .setProductId(productId)
                .setCorrelationId(correlationId)
                .setPayload(payload)
                .build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        synchronized (queue) {
            queue.notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
