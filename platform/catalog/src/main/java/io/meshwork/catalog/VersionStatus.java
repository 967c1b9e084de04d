package io.meshwork.catalog;

/** Where one declared version (e.g. {@code 1.4.0}) of a product stands. */
public enum VersionStatus {
    /** Declared, not yet requested for publication. */
    DRAFT,
    /** Publication requested; governance is deciding. */
    PENDING,
    /** Published; the line's active version unless a later one replaced it. */
    PUBLISHED,
    /** Publication denied; see the results, fix, and request again. */
    REJECTED
}
