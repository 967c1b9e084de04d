package io.meshwork.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.schemas.governance.PolicyResult;
import io.meshwork.schemas.lifecycle.InstanceState;
import io.meshwork.schemas.lifecycle.SchemaDocument;

/**
 * An immutable snapshot of one product as the catalog knows it.
 *
 * @param id product id
 * @param descriptor the descriptor of the newest declared version
 * @param status the status of the newest major version
 * @param lines every major version, oldest first
 * @param versions every declared version, oldest first
 * @param subscriptions every subscription to any major version, in request order
 * @param timeline every lifecycle event about the product except heartbeats, applied or refused, in log order
 */
public record ProductView(
        String id,
        ProductDescriptor descriptor,
        ProductStatus status,
        List<Line> lines,
        List<Version> versions,
        List<SubscriptionView> subscriptions,
        List<TimelineEntry> timeline) {

    /** @return the line of {@code major}, if declared */
    public Optional<Line> line(int major) {
        return lines.stream().filter(l -> l.major() == major).findFirst();
    }

    /** @return the version {@code version}, if declared */
    public Optional<Version> version(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /**
     * One major version: one product topic.
     *
     * @param major the topic version
     * @param topic {@code <id>.v<major>}
     * @param status lifecycle status
     * @param activeVersion the published version consumers read, or null before the first publication
     * @param proposedVersion the version in DRAFT, PENDING or REJECTED, or null
     * @param valueSubject registry subject of the value schema once published
     * @param valueSchemaId registry id of the active value schema, or null
     * @param keySubject registry subject of the key schema, or null for string keys
     * @param keySchemaId registry id of the active key schema, or null
     * @param partitions partitions of the topic once published, or null
     * @param paused whether an operator paused it
     * @param pauseReason why, or null
     * @param deprecation set once deprecated
     * @param retiredReason set once retired
     * @param instances the producing service's instances, by last heartbeat
     */
    public record Line(
            int major,
            String topic,
            ProductStatus status,
            String activeVersion,
            String proposedVersion,
            String valueSubject,
            Integer valueSchemaId,
            String keySubject,
            Integer keySchemaId,
            Integer partitions,
            boolean paused,
            String pauseReason,
            DeprecationNotice deprecation,
            String retiredReason,
            List<Instance> instances) {}

    /**
     * The deprecation of a major version.
     *
     * @param successorProductId where to move, or null
     * @param successorMajor the successor's major, or null
     * @param sunsetDate when it may be retired
     * @param reason why
     */
    public record DeprecationNotice(
            String successorProductId, Integer successorMajor, LocalDate sunsetDate, String reason) {}

    /**
     * One declared version.
     *
     * @param version semver
     * @param major its major
     * @param status where it stands
     * @param descriptorJson the descriptor as canonical JSON
     * @param descriptor the descriptor
     * @param schemas the schemas as declared (or as requested for publication)
     * @param declaredAt event time of its declaration
     * @param publishedAt event time of its publication, or null
     * @param valueSchemaId registry id of its value schema once published, or null
     * @param decisionId the governance decision that published or rejected it, or null
     * @param rejection the failed policy results of its last rejection; empty otherwise
     * @param declarationEventId the id of the event that declared it
     * @param requestEventId the id of the event that last requested its publication, or null
     */
    public record Version(
            String version,
            int major,
            VersionStatus status,
            String descriptorJson,
            ProductDescriptor descriptor,
            List<SchemaDocument> schemas,
            long declaredAt,
            Long publishedAt,
            Integer valueSchemaId,
            String decisionId,
            List<PolicyResult> rejection,
            String declarationEventId,
            String requestEventId) {}

    /**
     * The last heartbeat of one instance of the producing service.
     *
     * @param instanceId instance id
     * @param applicationId Streams application id
     * @param state Streams state
     * @param recordsIn records consumed since start
     * @param recordsOut records produced since start
     * @param recordsDeadLettered records dead-lettered since start
     * @param newestRecordTime event time of the newest record written, or null
     * @param consumerLag input lag, -1 when unknown
     * @param intervalMillis when the next heartbeat is due
     * @param lastSeen event time of the heartbeat
     */
    public record Instance(
            String instanceId,
            String applicationId,
            InstanceState state,
            long recordsIn,
            long recordsOut,
            long recordsDeadLettered,
            Long newestRecordTime,
            long consumerLag,
            long intervalMillis,
            long lastSeen) {}

    /**
     * A lifecycle event about the product, as the audit trail shows it.
     *
     * @param time event time
     * @param eventId event id
     * @param kind the payload kind, e.g. {@code ProductPublished}
     * @param actor principal
     * @param actorKind role of the principal
     * @param summary one line
     * @param refused whether the catalog refused it as an illegal transition
     * @param refusal why, and how to fix it, when refused
     */
    public record TimelineEntry(
            long time,
            String eventId,
            String kind,
            String actor,
            String actorKind,
            String summary,
            boolean refused,
            String refusal) {}
}
