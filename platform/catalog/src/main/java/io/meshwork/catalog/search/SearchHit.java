package io.meshwork.catalog.search;

import java.util.List;

/**
 * One product found by a search.
 *
 * @param productId the product's id
 * @param score the relevance score, higher is better; {@code 0} when the search had no text
 * @param matchedFields which parts of the product matched the text, in the order {@value #NAME}, {@value #TITLE},
 *     {@value #DESCRIPTION}, {@value #TAGS}, {@value #FIELDS} (schema field paths or docs); empty when the search had
 *     no text
 */
public record SearchHit(String productId, float score, List<String> matchedFields) {
    /** The product id (its name) matched. */
    public static final String NAME = "name";
    /** The title matched. */
    public static final String TITLE = "title";
    /** The description matched. */
    public static final String DESCRIPTION = "description";
    /** A tag matched. */
    public static final String TAGS = "tags";
    /** A schema field's path or documentation matched. */
    public static final String FIELDS = "fields";

    /** Copies the matched fields. */
    public SearchHit {
        matchedFields = List.copyOf(matchedFields);
    }
}
