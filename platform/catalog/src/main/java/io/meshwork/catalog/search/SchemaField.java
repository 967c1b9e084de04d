package io.meshwork.catalog.search;

import java.util.Objects;

/**
 * One field of a product's schema as search sees it.
 *
 * @param path the field's path, dotted for nested records, e.g. {@code customer.email} or {@code customerEmail}
 * @param doc the field's documentation, or {@code null} when it has none
 */
public record SchemaField(String path, String doc) {
    /** Checks that the path is present. */
    public SchemaField {
        Objects.requireNonNull(path, "path");
    }
}
