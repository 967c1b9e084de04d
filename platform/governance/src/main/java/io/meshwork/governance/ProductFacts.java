package io.meshwork.governance;

import java.util.Map;
import java.util.Optional;

import io.meshwork.descriptor.ParsedDescriptor;

/**
 * What the catalog knows about a product when an action on it is judged. Status names are those of the lifecycle:
 * {@code DRAFT}, {@code PENDING}, {@code ACTIVE}, {@code DEPRECATED}, {@code RETIRED}, {@code REJECTED}.
 */
public interface ProductFacts {
    /** The facts of a product the catalog does not know. */
    ProductFacts NONE = new ProductFacts() {
        @Override
        public boolean exists() {
            return false;
        }

        @Override
        public Optional<String> statusOfMajor(int major) {
            return Optional.empty();
        }

        @Override
        public Optional<String> activeVersion(int major) {
            return Optional.empty();
        }

        @Override
        public Optional<String> classification() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "ProductFacts.NONE";
        }
    };

    /** @return false when the catalog does not know the product at all */
    default boolean exists() {
        return true;
    }

    /**
     * @param major a major version
     * @return the lifecycle status of that major version, e.g. {@code ACTIVE}; empty when it was never declared
     */
    Optional<String> statusOfMajor(int major);

    /**
     * @param major a major version
     * @return the version currently active (published) in that major, e.g. {@code 1.4.0}; empty when none is
     */
    Optional<String> activeVersion(int major);

    /** @return the classification of the product's latest version in lowercase, e.g. {@code internal}; empty when unknown */
    Optional<String> classification();

    /**
     * The descriptor of the major version's current version, used where an action carries none (a schema registered by a
     * plain Confluent client), so that the domain's tightened policies and lifecycle still apply.
     *
     * @param major a major version
     * @return the descriptor; empty when the catalog has none (the default)
     */
    default Optional<ParsedDescriptor> descriptor(int major) {
        return Optional.empty();
    }

    /**
     * @param statusByMajor lifecycle status per major version, e.g. {@code 1 -> DEPRECATED, 2 -> ACTIVE}
     * @param activeVersionByMajor active version per major version, e.g. {@code 2 -> 2.1.0}
     * @param classification the product's classification in lowercase, or null
     * @return facts of a known product, without descriptors
     */
    static ProductFacts of(
            Map<Integer, String> statusByMajor, Map<Integer, String> activeVersionByMajor, String classification) {
        return new CatalogFacts(statusByMajor, activeVersionByMajor, classification, Map.of());
    }

    /**
     * @param statusByMajor lifecycle status per major version
     * @param activeVersionByMajor active version per major version
     * @param classification the product's classification in lowercase, or null
     * @param descriptorByMajor the current descriptor per major version
     * @return facts of a known product
     */
    static ProductFacts of(
            Map<Integer, String> statusByMajor,
            Map<Integer, String> activeVersionByMajor,
            String classification,
            Map<Integer, ParsedDescriptor> descriptorByMajor) {
        return new CatalogFacts(statusByMajor, activeVersionByMajor, classification, descriptorByMajor);
    }
}
