package io.meshwork.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Which writes the registry accepts, globally or for one subject. */
public enum RegistryMode {
    /** Registrations and deletes are accepted. */
    READWRITE,
    /** Only reads are accepted. */
    READONLY,
    /** Registrations must name their id and version (migrating from another registry). */
    IMPORT;

    /**
     * Parses a mode by name, case-insensitively.
     *
     * @throws RegistryException 42204 for an unknown name
     */
    public static RegistryMode parse(String text) {
        if (text != null) {
            for (RegistryMode mode : values()) {
                if (mode.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
                    return mode;
                }
            }
        }
        throw RegistryException.invalidMode(String.valueOf(text));
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
