package io.meshwork.catalog;

/**
 * Where a major version of a product (a product topic, e.g. {@code sales.orders.v1}) is in its lifecycle: {@code
 * DRAFT → PENDING → ACTIVE → DEPRECATED → RETIRED}, with {@code PENDING → REJECTED} (back to a draft with the policy
 * results, publishable again).
 */
public enum ProductStatus {
    /** Declared, never published. */
    DRAFT,
    /** Publication requested; governance is deciding. */
    PENDING,
    /** Published: the topic exists and consumers may subscribe. */
    ACTIVE,
    /** Still produced until its sunset date; consumers should move to the successor. */
    DEPRECATED,
    /** No longer produced; cannot be published to again. Final. */
    RETIRED,
    /** The last publication request was denied; fix and request again. */
    REJECTED
}
