package io.meshwork.registry;

/**
 * A named type that a schema uses and that is registered under another subject.
 *
 * @param name the full name of the referenced Avro type, e.g. {@code com.example.Customer}
 * @param subject the subject it is registered under
 * @param version the version under that subject
 */
public record SchemaReference(String name, String subject, int version) {}
