package io.meshwork.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How a new schema must relate to the ones registered before it under the same subject. */
public enum CompatibilityLevel {
    /** Nothing is checked. */
    NONE(false, false, false),
    /** The new schema reads data written with the latest live version. */
    BACKWARD(true, false, false),
    /** The new schema reads data written with every live version. */
    BACKWARD_TRANSITIVE(true, false, true),
    /** The latest live version reads data written with the new schema. */
    FORWARD(false, true, false),
    /** Every live version reads data written with the new schema. */
    FORWARD_TRANSITIVE(false, true, true),
    /** Both BACKWARD and FORWARD against the latest live version. */
    FULL(true, true, false),
    /** Both BACKWARD and FORWARD against every live version. */
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** @return whether the new schema must read old data */
    public boolean backward() {
        return backward;
    }

    /** @return whether old schemas must read new data */
    public boolean forward() {
        return forward;
    }

    /** @return whether every live version is checked, not just the latest */
    public boolean transitive() {
        return transitive;
    }

    /**
     * Parses a level by name, case-insensitively.
     *
     * @throws RegistryException 42203 for an unknown name
     */
    public static CompatibilityLevel parse(String text) {
        if (text != null) {
            for (CompatibilityLevel level : values()) {
                if (level.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                    return level;
                }
            }
        }
        throw RegistryException.invalidCompatibility(String.valueOf(text));
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
