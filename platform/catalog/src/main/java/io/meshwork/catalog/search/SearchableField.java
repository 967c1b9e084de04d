package io.meshwork.catalog.search;

import java.util.List;

/**
 * The analyzed text fields of the index, each with its weight in ranking and the {@link SearchHit#matchedFields()
 * label} it reports. Name and title outrank tags, tags outrank the description, and the description outranks the
 * schema's field paths and, last, their docs.
 */
enum SearchableField {
    NAME("name", 5.0f, SearchHit.NAME),
    TITLE("title", 4.0f, SearchHit.TITLE),
    TAGS("tags", 3.0f, SearchHit.TAGS),
    DESCRIPTION("description", 2.0f, SearchHit.DESCRIPTION),
    FIELD_PATHS("field_paths", 1.5f, SearchHit.FIELDS),
    FIELD_DOCS("field_docs", 1.0f, SearchHit.FIELDS);

    /** The labels in the order {@link SearchHit#matchedFields()} lists them. */
    static final List<String> LABELS =
            List.of(SearchHit.NAME, SearchHit.TITLE, SearchHit.DESCRIPTION, SearchHit.TAGS, SearchHit.FIELDS);

    private final String indexName;
    private final float weight;
    private final String label;

    SearchableField(String indexName, float weight, String label) {
        this.indexName = indexName;
        this.weight = weight;
        this.label = label;
    }

    String indexName() {
        return indexName;
    }

    float weight() {
        return weight;
    }

    String label() {
        return label;
    }
}
