package io.meshwork.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

import io.meshwork.descriptor.CanonicalJson;
import io.meshwork.descriptor.DescriptorException;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.descriptor.SemanticVersion;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.governance.PolicyResult;
import io.meshwork.schemas.lifecycle.Heartbeat;
import io.meshwork.schemas.lifecycle.LifecycleEvent;
import io.meshwork.schemas.lifecycle.ProductDeclared;
import io.meshwork.schemas.lifecycle.ProductDeprecated;
import io.meshwork.schemas.lifecycle.ProductPaused;
import io.meshwork.schemas.lifecycle.ProductPublished;
import io.meshwork.schemas.lifecycle.ProductRejected;
import io.meshwork.schemas.lifecycle.ProductResumed;
import io.meshwork.schemas.lifecycle.ProductRetired;
import io.meshwork.schemas.lifecycle.PublicationRequested;
import io.meshwork.schemas.lifecycle.SchemaDocument;
import io.meshwork.schemas.lifecycle.SubscriptionDenied;
import io.meshwork.schemas.lifecycle.SubscriptionGranted;
import io.meshwork.schemas.lifecycle.SubscriptionRequested;
import io.meshwork.schemas.lifecycle.SubscriptionRevoked;

/**
 * The catalog: a pure fold over the lifecycle events of {@code mesh.lifecycle.v1} and the decisions of {@code
 * mesh.governance.v1}. Given the same events per product in the same order it reaches the same state, whatever the
 * interleaving of products, so an instance that starts empty rebuilds the identical catalog ({@link #stateHash()}).
 *
 * <p>Every event is checked against the lifecycle state machine before it is applied; an illegal transition is not
 * applied but recorded in the product's timeline with the reason ({@link ApplyOutcome}). Event time, never the wall
 * clock, is used inside the fold. Thread-safe: one writer (the topic reader), many readers.
 */
public final class CatalogProjection {
    /** Event ids remembered per product to drop redelivered duplicates (heartbeats are idempotent by time). */
    private static final int REMEMBERED_EVENT_IDS = 2_000;

    private static final int REMEMBERED_ORPHANS = 1_000;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Product> products = new TreeMap<>();
    private final Map<String, Map<String, GovernanceDecision>> decisions = new TreeMap<>();
    private final List<ProductView.TimelineEntry> orphans = new ArrayList<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private long eventsApplied;
    private long eventsRefused;
    private long heartbeatsRefused;

    /**
     * Applies one lifecycle event.
     *
     * @param event a decoded, well-formed event (envelope checked by the reader)
     * @return what was done with it
     */
    public ApplyOutcome apply(LifecycleEvent event) {
        lock.writeLock().lock();
        try {
            ApplyOutcome outcome = fold(event);
            if (outcome.wasApplied()) {
                eventsApplied++;
            } else if (outcome.kind() == ApplyOutcome.Kind.REFUSED) {
                if (event.getPayload() instanceof Heartbeat) {
                    heartbeatsRefused++;
                } else {
                    eventsRefused++;
                }
            }
            return outcome;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Records one governance decision in the product's audit trail; a decision seen before (same id) is ignored.
     *
     * @return true when it was new
     */
    public boolean record(GovernanceDecision decision) {
        lock.writeLock().lock();
        try {
            Map<String, GovernanceDecision> trail =
                    decisions.computeIfAbsent(decision.getProductId(), k -> new LinkedHashMap<>());
            return trail.putIfAbsent(decision.getDecisionId(), decision) == null;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private ApplyOutcome fold(LifecycleEvent event) {
        Object payload = event.getPayload();
        String productId = event.getProductId();
        Product product = products.get(productId);
        if (product != null && !(payload instanceof Heartbeat) && !product.remember(event.getEventId())) {
            return ApplyOutcome.duplicate();
        }
        if (product == null && !(payload instanceof ProductDeclared)) {
            ApplyOutcome refused = ApplyOutcome.refused(
                    kind(payload) + " for unknown product '" + productId + "'",
                    "declare the product first (ProductDeclared, e.g. by starting its service with the SDK)");
            if (!(payload instanceof Heartbeat)) {
                orphans.add(timeline(event, summary(event), refused));
                if (orphans.size() > REMEMBERED_ORPHANS) {
                    orphans.remove(0);
                }
            }
            return refused;
        }
        ApplyOutcome outcome;
        if (payload instanceof ProductDeclared declared) {
            if (product == null) {
                product = new Product(productId);
                product.remember(event.getEventId());
            }
            outcome = declare(product, event, declared);
            if (product.versions.isEmpty()) {
                // a refused first declaration leaves nothing to show; keep only the refusal
                orphans.add(timeline(event, summary(event), outcome));
                return outcome;
            }
            products.putIfAbsent(productId, product);
        } else if (payload instanceof PublicationRequested requested) {
            outcome = request(product, event, requested);
        } else if (payload instanceof ProductPublished published) {
            outcome = publish(product, event, published);
        } else if (payload instanceof ProductRejected rejected) {
            outcome = reject(product, rejected);
        } else if (payload instanceof Heartbeat heartbeat) {
            return heartbeat(product, event, heartbeat);
        } else if (payload instanceof ProductDeprecated deprecated) {
            outcome = deprecate(product, deprecated);
        } else if (payload instanceof ProductRetired retired) {
            outcome = retire(product, event, retired);
        } else if (payload instanceof ProductPaused paused) {
            outcome = pause(product, paused);
        } else if (payload instanceof ProductResumed resumed) {
            outcome = resume(product, resumed);
        } else if (payload instanceof SubscriptionRequested requested) {
            outcome = subscribe(product, event, requested);
        } else if (payload instanceof SubscriptionGranted granted) {
            outcome = decideSubscription(
                    product,
                    event,
                    granted.getSubscriptionId(),
                    SubscriptionStatus.GRANTED,
                    granted.getApprovedBy(),
                    granted.getAutomatic(),
                    null);
        } else if (payload instanceof SubscriptionDenied denied) {
            outcome = decideSubscription(
                    product,
                    event,
                    denied.getSubscriptionId(),
                    SubscriptionStatus.DENIED,
                    denied.getDeniedBy(),
                    false,
                    denied.getReason());
        } else if (payload instanceof SubscriptionRevoked revoked) {
            outcome = decideSubscription(
                    product,
                    event,
                    revoked.getSubscriptionId(),
                    SubscriptionStatus.REVOKED,
                    revoked.getRevokedBy(),
                    false,
                    revoked.getReason());
        } else {
            outcome = ApplyOutcome.refused(
                    "event kind " + kind(payload) + " is not known to this platform version",
                    "upgrade the platform to a version that knows it");
        }
        product.timeline.add(timeline(event, summary(event), outcome));
        if (outcome.wasApplied()) {
            dirty.add(productId);
        }
        return outcome;
    }

    private ApplyOutcome declare(Product product, LifecycleEvent event, ProductDeclared declared) {
        String versionText = declared.getVersion();
        if (!SemanticVersion.isValid(versionText)) {
            return ApplyOutcome.refused(
                    "declared version '" + versionText + "' is not MAJOR.MINOR.PATCH",
                    "set version to a semantic version such as 1.0.0 in dataproduct.yaml");
        }
        ProductDescriptor descriptor;
        try {
            descriptor = CanonicalJson.read(declared.getDescriptor());
        } catch (DescriptorException e) {
            return ApplyOutcome.refused(
                    "the declared descriptor is invalid: " + e.getMessage(),
                    "fix dataproduct.yaml (run 'meshctl check dataproduct.yaml') and declare again");
        }
        if (!descriptor.id().equals(product.id) || !descriptor.version().equals(versionText)) {
            return ApplyOutcome.refused(
                    "the descriptor says " + descriptor.id() + " " + descriptor.version() + " but the event declares "
                            + product.id + " " + versionText,
                    "emit the event for the product and version the descriptor names");
        }
        SemanticVersion version = SemanticVersion.parse(versionText);
        Line line = product.lines.get(version.major());
        if (line != null && line.status == ProductStatus.RETIRED) {
            return ApplyOutcome.refused(
                    product.id + " v" + version.major() + " is retired and cannot take new versions",
                    "declare version " + (version.major() + 1) + ".0.0 (topic " + product.id + ".v"
                            + (version.major() + 1) + ")");
        }
        if (line != null
                && line.activeVersion != null
                && SemanticVersion.parse(line.activeVersion).compareTo(version) >= 0) {
            return ApplyOutcome.refused(
                    "version " + versionText + " is not newer than the active version " + line.activeVersion,
                    "raise version in dataproduct.yaml above " + line.activeVersion);
        }
        Version existing = product.versions.get(versionText);
        if (existing != null && existing.status == VersionStatus.PUBLISHED) {
            return ApplyOutcome.refused(
                    "version " + versionText + " is already published", "declare a new version instead");
        }
        if (existing != null && existing.status == VersionStatus.PENDING) {
            return ApplyOutcome.refused(
                    "version " + versionText + " has a publication pending",
                    "wait for the governance decision before declaring it again");
        }
        if (line == null) {
            line = new Line(version.major(), product.id + ".v" + version.major());
            product.lines.put(version.major(), line);
        }
        if (line.proposedVersion != null
                && !line.proposedVersion.equals(versionText)
                && product.versions.get(line.proposedVersion).status != VersionStatus.PUBLISHED) {
            product.versions.remove(line.proposedVersion);
        }
        Version v = new Version(versionText, version.major());
        v.descriptorJson = declared.getDescriptor();
        v.descriptor = descriptor;
        v.schemas = List.copyOf(declared.getSchemas());
        v.declaredAt = event.getTime().toEpochMilli();
        v.declarationEventId = event.getEventId();
        product.versions.put(versionText, v);
        product.latest = latestDeclared(product);
        line.proposedVersion = versionText;
        if (line.activeVersion == null) {
            line.status = ProductStatus.DRAFT;
        }
        return ApplyOutcome.ok();
    }

    private static Version latestDeclared(Product product) {
        return product.versions.values().stream()
                .max((a, b) -> SemanticVersion.parse(a.version).compareTo(SemanticVersion.parse(b.version)))
                .orElseThrow();
    }

    private ApplyOutcome request(Product product, LifecycleEvent event, PublicationRequested requested) {
        Version version = product.versions.get(requested.getVersion());
        if (version == null) {
            return ApplyOutcome.refused(
                    "publication requested for " + product.id + " " + requested.getVersion()
                            + ", which was never declared",
                    "declare the version first (ProductDeclared), then request its publication");
        }
        if (version.status == VersionStatus.PENDING || version.status == VersionStatus.PUBLISHED) {
            return ApplyOutcome.refused(
                    "version " + version.version + " is already "
                            + version.status.name().toLowerCase(),
                    version.status == VersionStatus.PENDING
                            ? "wait for the governance decision"
                            : "declare and publish a newer version");
        }
        Line line = product.lines.get(version.major);
        if (!Objects.equals(line.activeVersion, requested.getPreviousVersion())) {
            return ApplyOutcome.refused(
                    "the request compares against version " + requested.getPreviousVersion()
                            + " but the active version is " + line.activeVersion,
                    "request publication again against the current active version");
        }
        try {
            version.descriptor = CanonicalJson.read(requested.getDescriptor());
        } catch (DescriptorException e) {
            return ApplyOutcome.refused(
                    "the descriptor in the request is invalid: " + e.getMessage(),
                    "fix dataproduct.yaml (run 'meshctl check dataproduct.yaml') and request again");
        }
        version.descriptorJson = requested.getDescriptor();
        version.schemas = List.copyOf(requested.getSchemas());
        version.status = VersionStatus.PENDING;
        version.requestEventId = event.getEventId();
        version.rejection = List.of();
        product.latest = latestDeclared(product);
        if (line.activeVersion == null) {
            line.status = ProductStatus.PENDING;
        }
        return ApplyOutcome.ok();
    }

    private ApplyOutcome publish(Product product, LifecycleEvent event, ProductPublished published) {
        Version version = product.versions.get(published.getVersion());
        if (version == null || version.status != VersionStatus.PENDING) {
            return ApplyOutcome.refused(
                    "ProductPublished for " + product.id + " " + published.getVersion() + " but that version is "
                            + (version == null
                                    ? "not declared"
                                    : version.status.name().toLowerCase())
                            + ", not pending",
                    "only a pending publication can be published: request publication first");
        }
        if (published.getMajor() != version.major || !published.getTopic().equals(product.id + ".v" + version.major)) {
            return ApplyOutcome.refused(
                    "ProductPublished names major " + published.getMajor() + " and topic " + published.getTopic()
                            + " for version " + version.version,
                    "publish version " + version.version + " on topic " + product.id + ".v" + version.major);
        }
        Line line = product.lines.get(version.major);
        version.status = VersionStatus.PUBLISHED;
        version.publishedAt = event.getTime().toEpochMilli();
        version.valueSchemaId = published.getValueSchemaId();
        version.decisionId = published.getDecisionId();
        line.activeVersion = version.version;
        line.valueSubject = published.getValueSubject();
        line.valueSchemaId = published.getValueSchemaId();
        line.keySubject = published.getKeySubject();
        line.keySchemaId = published.getKeySchemaId();
        line.partitions = published.getPartitions();
        if (version.version.equals(line.proposedVersion)) {
            line.proposedVersion = null;
        }
        if (line.status != ProductStatus.DEPRECATED) {
            line.status = ProductStatus.ACTIVE;
        }
        return ApplyOutcome.ok();
    }

    private ApplyOutcome reject(Product product, ProductRejected rejected) {
        Version version = product.versions.get(rejected.getVersion());
        if (version == null || version.status != VersionStatus.PENDING) {
            return ApplyOutcome.refused(
                    "ProductRejected for " + product.id + " " + rejected.getVersion() + " but that version is "
                            + (version == null
                                    ? "not declared"
                                    : version.status.name().toLowerCase())
                            + ", not pending",
                    "only a pending publication can be rejected");
        }
        version.status = VersionStatus.REJECTED;
        version.decisionId = rejected.getDecisionId();
        version.rejection = List.copyOf(rejected.getResults());
        Line line = product.lines.get(version.major);
        if (line.activeVersion == null) {
            line.status = ProductStatus.REJECTED;
        }
        return ApplyOutcome.ok();
    }

    private ApplyOutcome heartbeat(Product product, LifecycleEvent event, Heartbeat heartbeat) {
        Line line = product.lines.get(heartbeat.getMajor());
        if (line == null || line.status == ProductStatus.RETIRED) {
            return ApplyOutcome.refused(
                    "heartbeat for " + product.id + " v" + heartbeat.getMajor() + ", which is "
                            + (line == null ? "not declared" : "retired"),
                    "stop the service or point it at an active major version");
        }
        long time = event.getTime().toEpochMilli();
        Instance previous = line.instances.get(heartbeat.getInstanceId());
        if (previous != null && previous.lastSeen > time) {
            return ApplyOutcome.duplicate();
        }
        line.instances.put(heartbeat.getInstanceId(), new Instance(heartbeat, time));
        return ApplyOutcome.ok();
    }

    private ApplyOutcome deprecate(Product product, ProductDeprecated deprecated) {
        Line line = product.lines.get(deprecated.getMajor());
        if (line == null || line.status != ProductStatus.ACTIVE) {
            return illegal(product, deprecated.getMajor(), line, "deprecated", "only an ACTIVE version");
        }
        line.status = ProductStatus.DEPRECATED;
        line.deprecation = new ProductView.DeprecationNotice(
                deprecated.getSuccessorProductId(),
                deprecated.getSuccessorMajor(),
                deprecated.getSunsetDate(),
                deprecated.getReason());
        return ApplyOutcome.ok();
    }

    private ApplyOutcome retire(Product product, LifecycleEvent event, ProductRetired retired) {
        Line line = product.lines.get(retired.getMajor());
        if (line == null || line.status != ProductStatus.DEPRECATED) {
            return illegal(
                    product, retired.getMajor(), line, "retired", "only a DEPRECATED version (deprecate it first)");
        }
        line.status = ProductStatus.RETIRED;
        line.retiredReason = retired.getReason();
        line.paused = false;
        line.instances.clear();
        for (Subscription s : product.subscriptions.values()) {
            if (s.major == line.major
                    && (s.status == SubscriptionStatus.GRANTED || s.status == SubscriptionStatus.REQUESTED)) {
                s.status = SubscriptionStatus.REVOKED;
                s.decidedAt = event.getTime().toEpochMilli();
                s.decidedBy = "platform";
                s.reason = product.id + " v" + line.major + " retired: " + retired.getReason();
            }
        }
        return ApplyOutcome.ok();
    }

    private ApplyOutcome pause(Product product, ProductPaused paused) {
        Line line = product.lines.get(paused.getMajor());
        if (line == null || !line.live() || line.paused) {
            return illegal(
                    product, paused.getMajor(), line, "paused", "only an ACTIVE or DEPRECATED version not yet paused");
        }
        line.paused = true;
        line.pauseReason = paused.getReason();
        return ApplyOutcome.ok();
    }

    private ApplyOutcome resume(Product product, ProductResumed resumed) {
        Line line = product.lines.get(resumed.getMajor());
        if (line == null || !line.paused) {
            return illegal(product, resumed.getMajor(), line, "resumed", "only a paused version");
        }
        line.paused = false;
        line.pauseReason = null;
        return ApplyOutcome.ok();
    }

    private static ApplyOutcome illegal(Product product, int major, Line line, String verb, String allowed) {
        String state = line == null ? "not declared" : line.status.name() + (line.paused ? " (paused)" : "");
        return ApplyOutcome.refused(
                product.id + " v" + major + " cannot be " + verb + ": it is " + state, allowed + " can be " + verb);
    }

    private ApplyOutcome subscribe(Product product, LifecycleEvent event, SubscriptionRequested requested) {
        Line line = product.lines.get(requested.getMajor());
        if (line == null || !line.live()) {
            return ApplyOutcome.refused(
                    "subscription to " + product.id + " v" + requested.getMajor() + ", which is "
                            + (line == null ? "not declared" : line.status.name()),
                    "subscribe to an ACTIVE or DEPRECATED major version");
        }
        if (product.subscriptions.containsKey(requested.getSubscriptionId())) {
            return ApplyOutcome.refused(
                    "subscription id " + requested.getSubscriptionId() + " is already used",
                    "request the subscription with a new id");
        }
        Subscription s = new Subscription();
        s.id = requested.getSubscriptionId();
        s.major = requested.getMajor();
        s.consumer = requested.getConsumer();
        s.consumerProductId = requested.getConsumerProductId();
        s.purpose = requested.getPurpose();
        s.status = SubscriptionStatus.REQUESTED;
        s.requestedAt = event.getTime().toEpochMilli();
        product.subscriptions.put(s.id, s);
        return ApplyOutcome.ok();
    }

    private ApplyOutcome decideSubscription(
            Product product,
            LifecycleEvent event,
            String subscriptionId,
            SubscriptionStatus to,
            String by,
            boolean automatic,
            String reason) {
        Subscription s = product.subscriptions.get(subscriptionId);
        boolean allowed = s != null
                && switch (to) {
                    case GRANTED, DENIED -> s.status == SubscriptionStatus.REQUESTED;
                    case REVOKED -> s.status == SubscriptionStatus.REQUESTED || s.status == SubscriptionStatus.GRANTED;
                    default -> false;
                };
        if (!allowed) {
            return ApplyOutcome.refused(
                    "subscription " + subscriptionId + " cannot become " + to + ": it is "
                            + (s == null ? "unknown for " + product.id : s.status.name()),
                    to == SubscriptionStatus.REVOKED
                            ? "only a requested or granted subscription can be revoked"
                            : "only a requested subscription can be granted or denied");
        }
        s.status = to;
        s.decidedAt = event.getTime().toEpochMilli();
        s.decidedBy = by;
        s.automatic = automatic;
        s.reason = reason;
        return ApplyOutcome.ok();
    }

    // ----------------------------------------------------------------------------------------------------- queries

    /** @return the product, if known */
    public Optional<ProductView> product(String productId) {
        lock.readLock().lock();
        try {
            Product p = products.get(productId);
            return p == null ? Optional.empty() : Optional.of(p.view());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return every product matching {@code filter}, by id */
    public List<ProductView> products(Predicate<ProductView> filter) {
        lock.readLock().lock();
        try {
            List<ProductView> out = new ArrayList<>();
            for (Product p : products.values()) {
                ProductView view = p.view();
                if (filter.test(view)) {
                    out.add(view);
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the ids of every known product, sorted */
    public List<String> productIds() {
        lock.readLock().lock();
        try {
            return List.copyOf(products.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return every subscription of every product matching {@code filter} */
    public List<SubscriptionView> subscriptions(Predicate<SubscriptionView> filter) {
        lock.readLock().lock();
        try {
            List<SubscriptionView> out = new ArrayList<>();
            for (Product p : products.values()) {
                for (Subscription s : p.subscriptions.values()) {
                    SubscriptionView view = s.view(p.id);
                    if (filter.test(view)) {
                        out.add(view);
                    }
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the subscription with that id, on whichever product */
    public Optional<SubscriptionView> subscription(String subscriptionId) {
        List<SubscriptionView> found = subscriptions(s -> s.subscriptionId().equals(subscriptionId));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** @return the governance decisions about the product, in log order */
    public List<GovernanceDecision> decisions(String productId) {
        lock.readLock().lock();
        try {
            Map<String, GovernanceDecision> trail = decisions.get(productId);
            return trail == null ? List.of() : List.copyOf(trail.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the decision with that id, on whichever product */
    public Optional<GovernanceDecision> decision(String decisionId) {
        lock.readLock().lock();
        try {
            for (Map<String, GovernanceDecision> trail : decisions.values()) {
                GovernanceDecision d = trail.get(decisionId);
                if (d != null) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return refused events that concern no known product (most recent last, bounded) */
    public List<ProductView.TimelineEntry> orphanEvents() {
        lock.readLock().lock();
        try {
            return List.copyOf(orphans);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the ids of products changed since the last call (for the search index), and forgets them */
    public Set<String> drainChanged() {
        lock.writeLock().lock();
        try {
            Set<String> out = Set.copyOf(dirty);
            dirty.clear();
            return out;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Counters of the fold since start. */
    public record Counters(long applied, long refused, long heartbeatsRefused, int products) {}

    /** @return counters of the fold since start */
    public Counters counters() {
        lock.readLock().lock();
        try {
            return new Counters(eventsApplied, eventsRefused, heartbeatsRefused, products.size());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * A SHA-256 over a canonical rendering of the whole catalog (products, versions, lines, instances,
     * subscriptions, timelines, decisions). Two instances that folded the same topics have the same hash.
     */
    public String stateHash() {
        lock.readLock().lock();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Product p : products.values()) {
                // descriptors are hashed as their canonical JSON: the parsed records hold maps whose iteration
                // order differs from one JVM to the next
                ProductView v = p.view();
                ProductView canonical = new ProductView(
                        v.id(),
                        null,
                        v.status(),
                        v.lines(),
                        v.versions().stream()
                                .map(x -> new ProductView.Version(
                                        x.version(),
                                        x.major(),
                                        x.status(),
                                        x.descriptorJson(),
                                        null,
                                        x.schemas(),
                                        x.declaredAt(),
                                        x.publishedAt(),
                                        x.valueSchemaId(),
                                        x.decisionId(),
                                        x.rejection(),
                                        x.declarationEventId(),
                                        x.requestEventId()))
                                .toList(),
                        v.subscriptions(),
                        v.timeline());
                digest.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            for (Map.Entry<String, Map<String, GovernanceDecision>> e : decisions.entrySet()) {
                digest.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                for (GovernanceDecision d : e.getValue().values()) {
                    digest.update(d.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            for (ProductView.TimelineEntry orphan : orphans) {
                digest.update(orphan.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------------------------------------- timeline text

    private static ProductView.TimelineEntry timeline(LifecycleEvent event, String summary, ApplyOutcome outcome) {
        boolean refused = outcome.kind() == ApplyOutcome.Kind.REFUSED;
        return new ProductView.TimelineEntry(
                event.getTime().toEpochMilli(),
                event.getEventId(),
                kind(event.getPayload()),
                event.getActor().getPrincipal(),
                event.getActor().getKind().name(),
                summary,
                refused,
                refused ? outcome.reason() + ". Fix: " + outcome.fix() : null);
    }

    private static String kind(Object payload) {
        return payload == null ? "null" : payload.getClass().getSimpleName();
    }

    private static String summary(LifecycleEvent event) {
        Object p = event.getPayload();
        if (p instanceof ProductDeclared d) {
            return "declared " + d.getVersion();
        } else if (p instanceof PublicationRequested r) {
            return "requested publication of " + r.getVersion()
                    + (r.getPreviousVersion() == null ? "" : " (active: " + r.getPreviousVersion() + ")");
        } else if (p instanceof ProductPublished r) {
            return "published " + r.getVersion() + " on " + r.getTopic() + " (value schema id " + r.getValueSchemaId()
                    + ")";
        } else if (p instanceof ProductRejected r) {
            return "rejected " + r.getVersion() + " by decision " + r.getDecisionId();
        } else if (p instanceof ProductDeprecated r) {
            return "deprecated v" + r.getMajor() + " until " + r.getSunsetDate()
                    + (r.getSuccessorProductId() == null
                            ? ""
                            : ", successor " + r.getSuccessorProductId() + ".v" + r.getSuccessorMajor())
                    + ": " + r.getReason();
        } else if (p instanceof ProductRetired r) {
            return "retired v" + r.getMajor() + ": " + r.getReason();
        } else if (p instanceof ProductPaused r) {
            return "paused v" + r.getMajor() + ": " + r.getReason();
        } else if (p instanceof ProductResumed r) {
            return "resumed v" + r.getMajor() + ": " + r.getReason();
        } else if (p instanceof SubscriptionRequested r) {
            return r.getConsumer() + " requested subscription " + r.getSubscriptionId() + " to v" + r.getMajor();
        } else if (p instanceof SubscriptionGranted r) {
            return "subscription " + r.getSubscriptionId() + " granted by " + r.getApprovedBy()
                    + (r.getAutomatic() ? " (automatic)" : "");
        } else if (p instanceof SubscriptionDenied r) {
            return "subscription " + r.getSubscriptionId() + " denied by " + r.getDeniedBy() + ": " + r.getReason();
        } else if (p instanceof SubscriptionRevoked r) {
            return "subscription " + r.getSubscriptionId() + " revoked by " + r.getRevokedBy() + ": " + r.getReason();
        } else if (p instanceof Heartbeat h) {
            return "heartbeat from " + h.getInstanceId();
        }
        return kind(p);
    }

    // --------------------------------------------------------------------------------------------- mutable state

    private static final class Product {
        final String id;
        final Map<Integer, Line> lines = new TreeMap<>();
        final Map<String, Version> versions = new LinkedHashMap<>();
        final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
        final List<ProductView.TimelineEntry> timeline = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final ArrayList<String> seenOrder = new ArrayList<>();
        Version latest;

        Product(String id) {
            this.id = id;
        }

        boolean remember(String eventId) {
            if (!seen.add(eventId)) {
                return false;
            }
            seenOrder.add(eventId);
            if (seenOrder.size() > REMEMBERED_EVENT_IDS) {
                seen.remove(seenOrder.remove(0));
            }
            return true;
        }

        ProductView view() {
            Line newest = lines.isEmpty()
                    ? null
                    : ((TreeMap<Integer, Line>) lines).lastEntry().getValue();
            return new ProductView(
                    id,
                    latest.descriptor,
                    newest == null ? ProductStatus.DRAFT : newest.status,
                    lines.values().stream().map(Line::view).toList(),
                    sortedVersions(versions.values()).stream()
                            .map(Version::view)
                            .toList(),
                    subscriptions.values().stream().map(s -> s.view(id)).toList(),
                    List.copyOf(timeline));
        }
    }

    private static List<Version> sortedVersions(Collection<Version> versions) {
        List<Version> sorted = new ArrayList<>(versions);
        sorted.sort((a, b) -> SemanticVersion.parse(a.version).compareTo(SemanticVersion.parse(b.version)));
        return sorted;
    }

    private static final class Line {
        final int major;
        final String topic;
        ProductStatus status = ProductStatus.DRAFT;
        String activeVersion;
        String proposedVersion;
        String valueSubject;
        Integer valueSchemaId;
        String keySubject;
        Integer keySchemaId;
        Integer partitions;
        boolean paused;
        String pauseReason;
        ProductView.DeprecationNotice deprecation;
        String retiredReason;
        final Map<String, Instance> instances = new TreeMap<>();

        Line(int major, String topic) {
            this.major = major;
            this.topic = topic;
        }

        boolean live() {
            return status == ProductStatus.ACTIVE || status == ProductStatus.DEPRECATED;
        }

        ProductView.Line view() {
            return new ProductView.Line(
                    major,
                    topic,
                    status,
                    activeVersion,
                    proposedVersion,
                    valueSubject,
                    valueSchemaId,
                    keySubject,
                    keySchemaId,
                    partitions,
                    paused,
                    pauseReason,
                    deprecation,
                    retiredReason,
                    instances.values().stream().map(Instance::view).toList());
        }
    }

    private static final class Version {
        final String version;
        final int major;
        VersionStatus status = VersionStatus.DRAFT;
        String descriptorJson;
        ProductDescriptor descriptor;
        List<SchemaDocument> schemas = List.of();
        long declaredAt;
        Long publishedAt;
        Integer valueSchemaId;
        String decisionId;
        String requestEventId;
        String declarationEventId;
        List<PolicyResult> rejection = List.of();

        Version(String version, int major) {
            this.version = version;
            this.major = major;
        }

        ProductView.Version view() {
            return new ProductView.Version(
                    version,
                    major,
                    status,
                    descriptorJson,
                    descriptor,
                    schemas,
                    declaredAt,
                    publishedAt,
                    valueSchemaId,
                    decisionId,
                    rejection,
                    declarationEventId,
                    requestEventId);
        }
    }

    private record Instance(Heartbeat heartbeat, long lastSeen) {
        ProductView.Instance view() {
            return new ProductView.Instance(
                    heartbeat.getInstanceId(),
                    heartbeat.getApplicationId(),
                    heartbeat.getState(),
                    heartbeat.getRecordsIn(),
                    heartbeat.getRecordsOut(),
                    heartbeat.getRecordsDeadLettered(),
                    heartbeat.getNewestRecordTime() == null
                            ? null
                            : heartbeat.getNewestRecordTime().toEpochMilli(),
                    heartbeat.getConsumerLag(),
                    heartbeat.getIntervalMillis(),
                    lastSeen);
        }
    }

    private static final class Subscription {
        String id;
        int major;
        String consumer;
        String consumerProductId;
        String purpose;
        SubscriptionStatus status;
        long requestedAt;
        Long decidedAt;
        String decidedBy;
        boolean automatic;
        String reason;

        SubscriptionView view(String productId) {
            return new SubscriptionView(
                    id,
                    productId,
                    major,
                    consumer,
                    consumerProductId,
                    purpose,
                    status,
                    requestedAt,
                    decidedAt,
                    decidedBy,
                    automatic,
                    reason);
        }
    }

    /** @return the version whose publication request had this event id, for correlating decisions */
    public Optional<String> pendingVersionRequestedBy(String productId, String requestEventId) {
        lock.readLock().lock();
        try {
            Product p = products.get(productId);
            if (p == null) {
                return Optional.empty();
            }
            return p.versions.values().stream()
                    .filter(v -> v.status == VersionStatus.PENDING && requestEventId.equals(v.requestEventId))
                    .map(v -> v.version)
                    .findFirst();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A pending publication request the platform has not answered yet. */
    public record PendingPublication(String productId, String version, String requestEventId) {}

    /** @return every version waiting for a governance decision, by product */
    public List<PendingPublication> pendingPublications() {
        lock.readLock().lock();
        try {
            List<PendingPublication> out = new ArrayList<>();
            for (Product p : products.values()) {
                for (Version v : p.versions.values()) {
                    if (v.status == VersionStatus.PENDING) {
                        out.add(new PendingPublication(p.id, v.version, v.requestEventId));
                    }
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return every subscription waiting for a decision whose product grants without approval */
    public List<SubscriptionView> pendingSubscriptions() {
        return subscriptions(s -> s.status() == SubscriptionStatus.REQUESTED);
    }
}
