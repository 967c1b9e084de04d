package io.meshwork.catalog;

/** The platform's own topics. */
public final class CatalogTopics {
    /** Lifecycle events, keyed by product id: the catalog is a fold over this topic. */
    public static final String LIFECYCLE = "mesh.lifecycle.v1";
    /** Governance decisions, keyed by product id: the audit trail. */
    public static final String GOVERNANCE = "mesh.governance.v1";
    /** Lifecycle records that could not be decoded or were malformed, with the reason in headers. */
    public static final String LIFECYCLE_DLQ = LIFECYCLE + ".dlq";

    private CatalogTopics() {}

    /** @return the registry subject of a platform topic's values, e.g. {@code mesh.lifecycle.v1-value} */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }
}
