package io.meshwork.catalog.search;

import java.util.List;

/**
 * One page of a search.
 *
 * @param total how many products match in all, not only on this page
 * @param hits the requested page, best first (by product id when the search had no text)
 */
public record SearchResult(long total, List<SearchHit> hits) {
    /** Copies the hits. */
    public SearchResult {
        hits = List.copyOf(hits);
    }
}
