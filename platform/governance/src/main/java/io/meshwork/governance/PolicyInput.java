package io.meshwork.governance;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.SemanticVersion;
import io.meshwork.registry.CompatibilityLevel;
import io.meshwork.schemas.governance.GovernanceAction;
import org.apache.avro.Schema;

/**
 * Everything a policy may look at when judging one action. Build one with the factory for the action ({@link #declare},
 * {@link #publish}, {@link #check}, {@link #registerSchema}, {@link #subscribe}, {@link #transition}); schema maps are
 * kept sorted by subject.
 *
 * @param action the action judged
 * @param productId the product concerned, {@code <domain>.<name>}; null only for a schema registered under a subject
 *     that belongs to no product
 * @param descriptor the descriptor declared, published or checked; null when the action carries none (e.g. a schema
 *     registered by a plain Confluent client)
 * @param proposedSchemas the schemas proposed, by subject (e.g. {@code sales.orders.v1-value}); may be empty
 * @param previous the descriptor of the version currently active in the same major, or null
 * @param previousSchemas the latest registered schema of each subject, by subject; may be empty
 * @param facts what the catalog knows about the product; {@link ProductFacts#NONE} for an unknown product
 * @param subscription the request, for {@link GovernanceAction#SUBSCRIBE}; null otherwise
 */
public record PolicyInput(
        GovernanceAction action,
        String productId,
        ParsedDescriptor descriptor,
        Map<String, Schema> proposedSchemas,
        ParsedDescriptor previous,
        Map<String, Schema> previousSchemas,
        ProductFacts facts,
        SubscriptionInput subscription) {

    public PolicyInput {
        Objects.requireNonNull(action, "action");
        if (productId == null && descriptor != null) {
            productId = descriptor.descriptor().id();
        }
        proposedSchemas = sorted(proposedSchemas);
        previousSchemas = sorted(previousSchemas);
        facts = facts == null ? ProductFacts.NONE : facts;
    }

    /**
     * A product descriptor is declared.
     *
     * @param descriptor the descriptor
     * @param schemas the port schemas by subject, as far as they are known; may be empty
     * @param facts what the catalog knows about the product
     */
    public static PolicyInput declare(ParsedDescriptor descriptor, Map<String, Schema> schemas, ProductFacts facts) {
        Objects.requireNonNull(descriptor, "descriptor");
        return new PolicyInput(GovernanceAction.DECLARE, null, descriptor, schemas, null, Map.of(), facts, null);
    }

    /**
     * Publication of a version is requested.
     *
     * @param descriptor the descriptor of the version to publish
     * @param schemas the port schemas by subject
     * @param previous the descriptor of the active version of the same major, or null
     * @param previousSchemas the latest registered schema of each subject; may be empty
     * @param facts what the catalog knows about the product
     */
    public static PolicyInput publish(
            ParsedDescriptor descriptor,
            Map<String, Schema> schemas,
            ParsedDescriptor previous,
            Map<String, Schema> previousSchemas,
            ProductFacts facts) {
        Objects.requireNonNull(descriptor, "descriptor");
        return new PolicyInput(
                GovernanceAction.PUBLISH, null, descriptor, schemas, previous, previousSchemas, facts, null);
    }

    /**
     * A dry run ({@code meshctl check}): the same inputs as {@link #publish}.
     *
     * @param descriptor the descriptor to check
     * @param schemas the port schemas by subject
     * @param previous the descriptor of the active version of the same major, or null
     * @param previousSchemas the latest registered schema of each subject; may be empty
     * @param facts what the catalog knows about the product
     */
    public static PolicyInput check(
            ParsedDescriptor descriptor,
            Map<String, Schema> schemas,
            ParsedDescriptor previous,
            Map<String, Schema> previousSchemas,
            ProductFacts facts) {
        Objects.requireNonNull(descriptor, "descriptor");
        return new PolicyInput(
                GovernanceAction.CHECK, null, descriptor, schemas, previous, previousSchemas, facts, null);
    }

    /**
     * A schema is sent to the registry.
     *
     * @param productId the product the subject belongs to, or null when it belongs to none
     * @param subject the subject, e.g. {@code sales.orders.v1-value}
     * @param schema the schema being registered
     * @param latest the subject's latest registered schema, or null for its first version
     * @param descriptor the product's descriptor when known, or null
     * @param facts what the catalog knows about the product
     */
    public static PolicyInput registerSchema(
            String productId,
            String subject,
            Schema schema,
            Schema latest,
            ParsedDescriptor descriptor,
            ProductFacts facts) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        return new PolicyInput(
                GovernanceAction.REGISTER_SCHEMA,
                productId,
                descriptor,
                Map.of(subject, schema),
                null,
                latest == null ? Map.of() : Map.of(subject, latest),
                facts,
                null);
    }

    /**
     * A consumer asks for access.
     *
     * @param productId the product subscribed to
     * @param subscription the request
     * @param descriptor the current descriptor of the subscribed major version (for its deprecation), or null
     * @param facts what the catalog knows about the product; {@link ProductFacts#NONE} when it knows nothing
     */
    public static PolicyInput subscribe(
            String productId, SubscriptionInput subscription, ParsedDescriptor descriptor, ProductFacts facts) {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(subscription, "subscription");
        return new PolicyInput(
                GovernanceAction.SUBSCRIBE, productId, descriptor, Map.of(), null, Map.of(), facts, subscription);
    }

    /**
     * A lifecycle transition (deprecate, retire, pause, resume) is requested.
     *
     * @param productId the product
     * @param descriptor the descriptor of the major version concerned, or null
     * @param facts what the catalog knows about the product
     */
    public static PolicyInput transition(String productId, ParsedDescriptor descriptor, ProductFacts facts) {
        Objects.requireNonNull(productId, "productId");
        return new PolicyInput(
                GovernanceAction.TRANSITION, productId, descriptor, Map.of(), null, Map.of(), facts, null);
    }

    /**
     * @return the major version concerned: the descriptor's, else the subscription's, else that of the only product
     *     subject proposed; empty when none is known
     */
    public OptionalInt major() {
        if (descriptor != null
                && SemanticVersion.isValid(descriptor.descriptor().version())) {
            return OptionalInt.of(descriptor.descriptor().major());
        }
        if (subscription != null) {
            return OptionalInt.of(subscription.major());
        }
        int[] majors = proposedSchemas.keySet().stream()
                .map(ProductSubject::parse)
                .flatMap(Optional::stream)
                .mapToInt(ProductSubject::major)
                .distinct()
                .toArray();
        return majors.length == 1 ? OptionalInt.of(majors[0]) : OptionalInt.empty();
    }

    /**
     * @param subject a subject such as {@code sales.orders.v1-value}
     * @return the descriptor's output port writing the subject's topic, with its index; empty without a descriptor or
     *     when no port writes it
     */
    public Optional<IndexedPort> outputPortFor(String subject) {
        if (descriptor == null) {
            return Optional.empty();
        }
        var ports = descriptor.descriptor().outputPorts();
        for (int i = 0; i < ports.size(); i++) {
            OutputPort port = ports.get(i);
            if (subject.equals(port.topic() + "-value") || subject.equals(port.topic() + "-key")) {
                return Optional.of(new IndexedPort(i, port));
            }
        }
        return Optional.empty();
    }

    /**
     * @param subject a subject
     * @return the compatibility level of the port writing it; {@code FULL_TRANSITIVE} when no port does, or when the
     *     port names a level that does not exist (the strictest level, so a typo never loosens anything)
     */
    public CompatibilityLevel compatibilityFor(String subject) {
        String name = outputPortFor(subject)
                .map(p -> p.port().effectiveCompatibility())
                .orElse(OutputPort.DEFAULT_COMPATIBILITY);
        try {
            return CompatibilityLevel.parse(name);
        } catch (RuntimeException e) {
            return CompatibilityLevel.FULL_TRANSITIVE;
        }
    }

    /**
     * An output port and its position in {@code outputPorts}.
     *
     * @param index 0-based index, for locations such as {@code outputPorts[0].partitions}
     * @param port the port
     */
    public record IndexedPort(int index, OutputPort port) {}

    private static Map<String, Schema> sorted(Map<String, Schema> schemas) {
        return schemas == null || schemas.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(schemas));
    }
}
