package io.meshwork.platform.server.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.catalog.ProductView;
import io.meshwork.catalog.SubscriptionView;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.governance.PolicyResult;
import io.meshwork.schemas.governance.SchemaChange;
import io.meshwork.schemas.lifecycle.SchemaDocument;
import io.swagger.v3.oas.annotations.media.Schema;

/** The JSON documents of the catalog API, one record per shape (they are also what the OpenAPI document shows). */
final class ApiModel {
    private ApiModel() {}

    @Schema(description = "A page of results")
    record Page<T>(long total, int limit, int offset, List<T> items) {}

    @Schema(description = "The owning team")
    record Owner(String team, String email) {}

    @Schema(description = "One major version of a product, as listed")
    record MajorSummary(int major, String topic, String status, String activeVersion) {}

    @Schema(description = "A product as listed and searched")
    record ProductSummary(
            String id,
            String domain,
            String name,
            String title,
            String description,
            List<String> tags,
            Owner owner,
            String classification,
            String status,
            String latestVersion,
            List<MajorSummary> majors) {}

    @Schema(description = "A search hit: the product, its score and which fields matched")
    record SearchHit(ProductSummary product, float score, List<String> matchedFields) {}

    @Schema(description = "The deprecation of a major version")
    record Deprecation(String successor, String sunsetDate, String reason) {}

    @Schema(description = "The last heartbeat of one instance of the producing service")
    record Instance(
            String instanceId,
            String applicationId,
            String state,
            boolean up,
            long recordsIn,
            long recordsOut,
            long recordsDeadLettered,
            String newestRecordTime,
            long consumerLag,
            String lastSeen) {}

    @Schema(description = "One major version of a product: one topic")
    record Line(
            int major,
            String topic,
            String deadLetterTopic,
            String status,
            String activeVersion,
            String proposedVersion,
            String valueSubject,
            Integer valueSchemaId,
            String keySubject,
            Integer keySchemaId,
            Integer partitions,
            boolean paused,
            String pauseReason,
            Deprecation deprecation,
            String retiredReason,
            List<Instance> instances) {}

    @Schema(description = "The outcome of one governance policy")
    record PolicyOutcome(
            String policyId, String severity, String outcome, String message, String fix, String location) {}

    @Schema(description = "One classified difference between two schema versions")
    record Change(String path, String kind, String classification, String description) {}

    @Schema(description = "One declared version")
    record VersionInfo(
            String version,
            int major,
            String status,
            String declaredAt,
            String publishedAt,
            Integer valueSchemaId,
            String decisionId,
            List<PolicyOutcome> rejection) {}

    @Schema(description = "A schema a version uses")
    record SchemaInfo(String role, String topic, String subject, JsonNode schema) {}

    @Schema(description = "One declared version with its descriptor and schemas")
    record VersionDetail(VersionInfo version, JsonNode descriptor, List<SchemaInfo> schemas) {}

    @Schema(description = "A consumer's subscription")
    record Subscription(
            String subscriptionId,
            String productId,
            int major,
            String topic,
            String consumer,
            String consumerProductId,
            String purpose,
            String status,
            String requestedAt,
            String decidedAt,
            String decidedBy,
            boolean automatic,
            String reason) {}

    @Schema(description = "Service level objectives and how the product meets them now")
    record SloStatus(
            String freshnessObjective,
            String newestRecordTime,
            Long freshnessAgeSeconds,
            @Schema(description = "MET, VIOLATED or UNKNOWN (no record time reported yet)") String freshness,
            Double availabilityObjective,
            Double throughputObjectivePerSecond,
            int instancesUp,
            int instancesDown) {}

    @Schema(description = "A product in full")
    record ProductDetail(
            ProductSummary summary,
            JsonNode descriptor,
            List<Line> lines,
            List<VersionInfo> versions,
            List<Subscription> consumers,
            SloStatus slo) {}

    @Schema(description = "A governance decision: the audit record of one judged action")
    record Decision(
            String decisionId,
            String time,
            String actor,
            String actorKind,
            String productId,
            String version,
            String action,
            String subject,
            String verdict,
            boolean dryRun,
            List<PolicyOutcome> results,
            List<Change> changes) {}

    @Schema(description = "A lifecycle event about a product, applied or refused")
    record Event(
            String time,
            String eventId,
            String kind,
            String actor,
            String actorKind,
            String summary,
            boolean refused,
            String refusal) {}

    @Schema(description = "A product's audit trail: every governance decision and every lifecycle event")
    record Audit(String productId, List<Decision> decisions, List<Event> events) {}

    @Schema(description = "The changelog between two versions of a product's value schema")
    record Changelog(
            String productId, String from, String to, String compatibility, boolean breaking, List<Change> changes) {}

    @Schema(description = "Compatibility of one proposed schema with its subject's history")
    record SubjectCompatibility(String subject, String level, boolean compatible, List<String> messages) {}

    @Schema(description = "A problem found in a descriptor: where, what and how to fix it")
    record DescriptorProblem(String file, int line, int column, String field, String message, String fix) {}

    @Schema(description = "The result of a dry run: every policy, the changelog and compatibility; nothing changed")
    record CheckResult(
            String productId,
            String version,
            String verdict,
            List<DescriptorProblem> problems,
            List<PolicyOutcome> results,
            List<Change> changes,
            List<SubjectCompatibility> compatibility) {}

    @Schema(description = "A governance policy")
    record Policy(
            String id, String title, String rationale, String defaultSeverity, String severity, List<String> actions) {}

    @Schema(description = "The catalog's own state, for operators and restart checks")
    record CatalogState(
            String stateHash,
            int products,
            long eventsApplied,
            long eventsRefused,
            long heartbeatsRefused,
            long quarantined) {}

    @Schema(description = "A lifecycle record set aside because it could not be read")
    record Quarantined(String topic, int partition, long offset, String reason) {}

    // ---------------------------------------------------------------------------------------------------- mapping

    static String time(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }

    static String time(Long epochMillis) {
        return epochMillis == null ? null : time(epochMillis.longValue());
    }

    static ProductSummary summary(ProductView p) {
        ProductDescriptor d = p.descriptor();
        return new ProductSummary(
                p.id(),
                d.domain(),
                d.name(),
                d.title(),
                d.description(),
                d.tags(),
                d.owner() == null ? null : new Owner(d.owner().team(), d.owner().email()),
                d.classification() == null ? null : d.classification().yamlName(),
                p.status().name(),
                p.versions().isEmpty()
                        ? null
                        : p.versions().get(p.versions().size() - 1).version(),
                p.lines().stream()
                        .map(l -> new MajorSummary(
                                l.major(), l.topic(), l.status().name(), l.activeVersion()))
                        .toList());
    }

    static Line line(ProductView.Line l, long now) {
        ProductView.DeprecationNotice dep = l.deprecation();
        return new Line(
                l.major(),
                l.topic(),
                l.topic() + ".dlq",
                l.status().name(),
                l.activeVersion(),
                l.proposedVersion(),
                l.valueSubject(),
                l.valueSchemaId(),
                l.keySubject(),
                l.keySchemaId(),
                l.partitions(),
                l.paused(),
                l.pauseReason(),
                dep == null
                        ? null
                        : new Deprecation(
                                dep.successorProductId() == null
                                        ? null
                                        : dep.successorProductId() + ".v" + dep.successorMajor(),
                                dep.sunsetDate().toString(),
                                dep.reason()),
                l.retiredReason(),
                l.instances().stream().map(i -> instance(i, now)).toList());
    }

    static boolean up(ProductView.Instance i, long now) {
        return now - i.lastSeen() <= 3 * Math.max(1_000, i.intervalMillis());
    }

    static Instance instance(ProductView.Instance i, long now) {
        return new Instance(
                i.instanceId(),
                i.applicationId(),
                i.state().name(),
                up(i, now),
                i.recordsIn(),
                i.recordsOut(),
                i.recordsDeadLettered(),
                time(i.newestRecordTime()),
                i.consumerLag(),
                time(i.lastSeen()));
    }

    static PolicyOutcome outcome(PolicyResult r) {
        return new PolicyOutcome(
                r.getPolicyId(),
                r.getSeverity().name(),
                r.getOutcome().name(),
                r.getMessage(),
                r.getFix(),
                r.getLocation());
    }

    static Change change(SchemaChange c) {
        return new Change(c.getPath(), c.getKind().name(), c.getClassification().name(), c.getDescription());
    }

    static VersionInfo version(ProductView.Version v) {
        return new VersionInfo(
                v.version(),
                v.major(),
                v.status().name(),
                time(v.declaredAt()),
                time(v.publishedAt()),
                v.valueSchemaId(),
                v.decisionId(),
                v.rejection().stream().map(ApiModel::outcome).toList());
    }

    static VersionDetail versionDetail(ProductView.Version v) {
        return new VersionDetail(
                version(v),
                json(v.descriptorJson()),
                v.schemas().stream().map(ApiModel::schema).toList());
    }

    static SchemaInfo schema(SchemaDocument s) {
        return new SchemaInfo(s.getRole().name(), s.getTopic(), s.getSubject(), json(s.getSchemaText()));
    }

    static JsonNode json(String text) {
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return ApiJson.MAPPER.getNodeFactory().textNode(text);
        }
    }

    static Subscription subscription(SubscriptionView s) {
        return new Subscription(
                s.subscriptionId(),
                s.productId(),
                s.major(),
                s.productId() + ".v" + s.major(),
                s.consumer(),
                s.consumerProductId(),
                s.purpose(),
                s.status().name(),
                time(s.requestedAt()),
                time(s.decidedAt()),
                s.decidedBy(),
                s.automatic(),
                s.reason());
    }

    static SloStatus slo(ProductView p, long now) {
        ProductDescriptor d = p.descriptor();
        Duration objective = d.slos() == null ? null : d.slos().freshness();
        Long newest = null;
        int upCount = 0;
        int downCount = 0;
        for (ProductView.Line l : p.lines()) {
            for (ProductView.Instance i : l.instances()) {
                if (up(i, now)) {
                    upCount++;
                } else {
                    downCount++;
                }
                if (i.newestRecordTime() != null && (newest == null || i.newestRecordTime() > newest)) {
                    newest = i.newestRecordTime();
                }
            }
        }
        Long age = newest == null ? null : Math.max(0, (now - newest) / 1000);
        String freshness = newest == null || objective == null
                ? "UNKNOWN"
                : (now - newest <= objective.toMillis() ? "MET" : "VIOLATED");
        return new SloStatus(
                objective == null ? null : objective.toString(),
                time(newest),
                age,
                freshness,
                d.slos() == null ? null : d.slos().availability(),
                d.slos() == null ? null : d.slos().throughputPerSecond(),
                upCount,
                downCount);
    }

    static ProductDetail detail(ProductView p, long now) {
        String json = p.versions().isEmpty()
                ? null
                : p.versions().get(p.versions().size() - 1).descriptorJson();
        return new ProductDetail(
                summary(p),
                json == null ? null : json(json),
                p.lines().stream().map(l -> line(l, now)).toList(),
                p.versions().stream().map(ApiModel::version).toList(),
                p.subscriptions().stream().map(ApiModel::subscription).toList(),
                slo(p, now));
    }

    static Decision decision(GovernanceDecision d) {
        return new Decision(
                d.getDecisionId(),
                d.getTime().toString(),
                d.getActor().getPrincipal(),
                d.getActor().getKind().name(),
                d.getProductId(),
                d.getVersion(),
                d.getAction().name(),
                d.getSubject(),
                d.getVerdict().name(),
                d.getDryRun(),
                d.getResults().stream().map(ApiModel::outcome).toList(),
                d.getChanges().stream().map(ApiModel::change).toList());
    }

    static Event event(ProductView.TimelineEntry e) {
        return new Event(
                time(e.time()), e.eventId(), e.kind(), e.actor(), e.actorKind(), e.summary(), e.refused(), e.refusal());
    }

    static Map<String, Object> map(String key, Object value) {
        return Map.of(key, value);
    }
}
