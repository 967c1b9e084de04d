package io.meshwork.sdk.registry;

import java.util.Objects;

/**
 * A reference from one schema to another registered schema, as in the registry protocol's {@code references} list.
 *
 * @param name the name the referring schema uses (for Avro, the referenced type's full name)
 * @param subject the subject the referenced schema is registered under
 * @param version the version of the referenced schema under that subject
 */
public record SchemaReference(String name, String subject, int version) {

    /** Checks that name and subject are given. */
    public SchemaReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(subject, "subject");
    }
}
