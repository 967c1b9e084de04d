package io.meshwork.descriptor;

import java.util.Locale;

/**
 * How much a failed governance policy counts, from least to most severe. A domain may raise a global setting in its
 * descriptor ({@code policies:}), never lower it.
 */
public enum PolicySeverity {
    /** The policy does not run. */
    OFF,
    /** Advice only. */
    INFO,
    /** Reported; the action proceeds. */
    WARNING,
    /** A failure denies the action. */
    BLOCKER;

    /** @return true when this is stricter than {@code other} */
    public boolean stricterThan(PolicySeverity other) {
        return compareTo(other) > 0;
    }

    /** @return the lowercase form used in YAML and configuration */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
