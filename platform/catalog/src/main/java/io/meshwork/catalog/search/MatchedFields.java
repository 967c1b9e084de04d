package io.meshwork.catalog.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

/**
 * Tells, for the hits of one page, which parts of each product matched: for every {@link SearchHit#matchedFields()
 * label}, whether one of the per-field queries {@link UserQueryParser} built for it matches the hit.
 *
 * <p>Only the page's documents are visited, in doc id order, by advancing iterators to them, so the cost follows the
 * page size rather than the number of matches. Prefix queries are checked term by term against those documents
 * instead of through their usual scorer, which would first collect every document of every expanded term.
 */
final class MatchedFields {
    private MatchedFields() {}

    /**
     * @param queriesByLabel the per-field queries, by label
     * @param docs the hits' top-level doc ids
     * @return for each doc, in the same order, the labels that matched, ordered as {@link SearchableField#LABELS}
     */
    static List<List<String>> of(IndexSearcher searcher, Map<String, List<Query>> queriesByLabel, int[] docs)
            throws IOException {
        List<List<String>> matched = new ArrayList<>(docs.length);
        for (int i = 0; i < docs.length; i++) {
            matched.add(new ArrayList<>(SearchableField.LABELS.size()));
        }
        if (docs.length == 0) {
            return matched;
        }
        int[] sorted = docs.clone();
        Arrays.sort(sorted);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        for (String label : SearchableField.LABELS) {
            List<Query> queries = queriesByLabel.get(label);
            if (queries == null) {
                continue;
            }
            boolean[] hit = new boolean[sorted.length];
            List<PrefixQuery> prefixes = new ArrayList<>();
            BooleanQuery.Builder others = new BooleanQuery.Builder();
            boolean anyOther = false;
            for (Query query : queries) {
                if (query instanceof PrefixQuery prefix) {
                    prefixes.add(prefix);
                } else {
                    others.add(query, BooleanClause.Occur.SHOULD);
                    anyOther = true;
                }
            }
            Weight weight = anyOther
                    ? searcher.createWeight(searcher.rewrite(others.build()), ScoreMode.COMPLETE_NO_SCORES, 1.0f)
                    : null;
            int start = 0;
            while (start < sorted.length) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sorted[start], leaves));
                int end = start;
                while (end < sorted.length
                        && sorted[end] < leaf.docBase + leaf.reader().maxDoc()) {
                    end++;
                }
                if (weight != null) {
                    markByWeight(weight, leaf, sorted, start, end, hit);
                }
                for (PrefixQuery prefix : prefixes) {
                    markByPrefix(prefix, leaf, sorted, start, end, hit);
                }
                start = end;
            }
            for (int i = 0; i < docs.length; i++) {
                if (hit[Arrays.binarySearch(sorted, docs[i])]) {
                    matched.get(i).add(label);
                }
            }
        }
        return matched;
    }

    private static void markByWeight(
            Weight weight, LeafReaderContext leaf, int[] sorted, int start, int end, boolean[] hit) throws IOException {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
            return;
        }
        TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
        DocIdSetIterator candidates = twoPhase == null ? scorer.iterator() : twoPhase.approximation();
        for (int k = start; k < end; k++) {
            int target = sorted[k] - leaf.docBase;
            int at = candidates.docID() < target ? candidates.advance(target) : candidates.docID();
            if (at == DocIdSetIterator.NO_MORE_DOCS) {
                return;
            }
            if (at == target && (twoPhase == null || twoPhase.matches())) {
                hit[k] = true;
            }
        }
    }

    private static void markByPrefix(
            PrefixQuery prefix, LeafReaderContext leaf, int[] sorted, int start, int end, boolean[] hit)
            throws IOException {
        int remaining = 0;
        for (int k = start; k < end; k++) {
            remaining += hit[k] ? 0 : 1;
        }
        Terms terms = leaf.reader().terms(prefix.getField());
        if (remaining == 0 || terms == null) {
            return;
        }
        TermsEnum expanded = prefix.getTermsEnum(terms);
        PostingsEnum postings = null;
        while (remaining > 0 && expanded.next() != null) {
            postings = expanded.postings(postings, PostingsEnum.NONE);
            for (int k = start; k < end && remaining > 0; k++) {
                if (hit[k]) {
                    continue;
                }
                int target = sorted[k] - leaf.docBase;
                int at = postings.docID() < target ? postings.advance(target) : postings.docID();
                if (at == DocIdSetIterator.NO_MORE_DOCS) {
                    break;
                }
                if (at == target) {
                    hit[k] = true;
                    remaining--;
                }
            }
        }
    }
}
