package io.meshwork.sdk.registry;

/** The compatibility levels of the registry protocol ({@code GET|PUT /config[/{subject}]}). */
public enum CompatibilityLevel {
    /** No check. */
    NONE,
    /** The new schema reads data written with the latest live version. */
    BACKWARD,
    /** The new schema reads data written with every live version. */
    BACKWARD_TRANSITIVE,
    /** The latest live version reads data written with the new schema. */
    FORWARD,
    /** Every live version reads data written with the new schema. */
    FORWARD_TRANSITIVE,
    /** Both BACKWARD and FORWARD against the latest live version. */
    FULL,
    /** Both BACKWARD and FORWARD against every live version. */
    FULL_TRANSITIVE
}
