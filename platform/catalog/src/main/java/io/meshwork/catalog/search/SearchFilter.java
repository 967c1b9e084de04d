package io.meshwork.catalog.search;

/**
 * Exact, case-insensitive restrictions on a search. Each component that is {@code null} (or blank) matches any
 * product; the others must all match.
 *
 * @param domain the product's domain, e.g. {@code sales}
 * @param tag one of the product's tags
 * @param owner the owning team or the owner's e-mail address
 * @param status the lifecycle state, e.g. {@code ACTIVE}
 * @param classification e.g. {@code internal}
 */
public record SearchFilter(String domain, String tag, String owner, String status, String classification) {
    private static final SearchFilter NONE = new SearchFilter(null, null, null, null, null);

    /** A filter that matches every product. */
    public static SearchFilter none() {
        return NONE;
    }
}
