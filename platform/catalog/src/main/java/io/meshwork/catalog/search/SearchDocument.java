package io.meshwork.catalog.search;

import java.util.List;

/**
 * What is indexed about one product: the text that full-text search looks at and the values that filters match.
 *
 * <p>Only {@code productId} is required; any other text may be {@code null} and either list may be {@code null}
 * (read as empty). The lists are copied.
 *
 * @param productId the product id, {@code <domain>.<name>}, e.g. {@code sales.orders}; searchable as the name
 * @param domain the owning domain, matched by {@link SearchFilter#domain()}
 * @param title the product's title
 * @param description purpose, limitations and usage
 * @param tags free tags, searchable and matched by {@link SearchFilter#tag()}
 * @param ownerTeam the owning team, matched by {@link SearchFilter#owner()}
 * @param ownerEmail the owner's e-mail address, matched by {@link SearchFilter#owner()}
 * @param status the lifecycle state, e.g. {@code ACTIVE}, matched by {@link SearchFilter#status()}
 * @param classification {@code public}, {@code internal}, {@code confidential} or {@code restricted}, matched by
 *     {@link SearchFilter#classification()}
 * @param fields the schema's fields, searchable by path and by documentation
 */
public record SearchDocument(
        String productId,
        String domain,
        String title,
        String description,
        List<String> tags,
        String ownerTeam,
        String ownerEmail,
        String status,
        String classification,
        List<SchemaField> fields) {

    /** Checks the product id and copies the lists. */
    public SearchDocument {
        if (productId == null || productId.isBlank()) {
            throw new IllegalArgumentException(
                    "A search document needs a product id; it was " + (productId == null ? "null" : "blank"));
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
