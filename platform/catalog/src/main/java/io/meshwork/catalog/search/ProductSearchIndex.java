package io.meshwork.catalog.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOUtils;

/**
 * The catalog's full-text search over products: their id, title, description, tags and schema fields (paths and
 * docs), with exact filters on domain, tag, owner, status and classification. Held in memory and rebuilt, like all
 * catalog state, from the topics.
 *
 * <p>Ranking: a match in the name or title ranks above one in the tags, then the description, then schema field
 * paths, then field docs; ties are broken by product id, so the same query over the same products always returns the
 * same order. See {@link UserQueryParser} for the query syntax and {@link ProductTextAnalyzer} for how camelCase and
 * dotted field paths are matched.
 *
 * <p>Thread-safe: any number of threads may upsert, remove and search at once. A search sees every upsert and remove
 * that returned before the search began; the index is reopened at most once per search, and only when something
 * changed, so many upserts between two searches cost one reopen.
 */
public final class ProductSearchIndex implements AutoCloseable {
    /** Longest query accepted, in characters (code points). */
    public static final int MAX_QUERY_LENGTH = 1_000;

    /** Largest page returned; a larger {@code limit} is reduced to it. */
    public static final int MAX_LIMIT = 500;

    private static final String ID = "id";
    private static final String ID_SORT = "id_sort";
    private static final String DOMAIN = "f_domain";
    private static final String TAG = "f_tag";
    private static final String OWNER = "f_owner";
    private static final String STATUS = "f_status";
    private static final String CLASSIFICATION = "f_classification";

    private static final Sort BY_ID = new Sort(new SortField(ID_SORT, SortField.Type.STRING));
    private static final Sort BY_SCORE_THEN_ID =
            new Sort(SortField.FIELD_SCORE, new SortField(ID_SORT, SortField.Type.STRING));

    private final ProductTextAnalyzer indexAnalyzer = ProductTextAnalyzer.forIndexing();
    private final ProductTextAnalyzer queryAnalyzer = ProductTextAnalyzer.forQueries();
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    /** Counts returned upserts and removes; compared with {@link #visibleChanges} to know whether to reopen. */
    private final AtomicLong changes = new AtomicLong();

    private final Object reopenLock = new Object();
    private volatile long visibleChanges;

    /** An empty index held in memory. */
    public ProductSearchIndex() {
        directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig(indexAnalyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setCommitOnClose(false);
        try {
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the in-memory product search index", e);
        }
    }

    /** Adds a product, or replaces the product with the same id. */
    public void upsert(SearchDocument doc) {
        Objects.requireNonNull(doc, "doc");
        try {
            writer.updateDocument(new Term(ID, doc.productId()), toLucene(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not index product " + doc.productId(), e);
        }
        changes.incrementAndGet();
    }

    /** {@link #upsert Upserts} each product in turn; for the same id twice, the later one wins. */
    public void upsertAll(Collection<SearchDocument> docs) {
        Objects.requireNonNull(docs, "docs");
        for (SearchDocument doc : docs) {
            upsert(doc);
        }
    }

    /** Removes a product; nothing happens when it is not indexed. */
    public void remove(String productId) {
        Objects.requireNonNull(productId, "productId");
        try {
            writer.deleteDocuments(new Term(ID, productId));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove product " + productId + " from the search index", e);
        }
        changes.incrementAndGet();
    }

    /**
     * Searches the products.
     *
     * @param query what the user typed; {@code null} or blank returns every product the filter lets through, ordered
     *     by product id. Any text is accepted (unbalanced quotes, {@code *}, {@code :} and the like are read as
     *     plainly as possible) up to {@value #MAX_QUERY_LENGTH} characters.
     * @param filter exact restrictions; {@code null} is {@link SearchFilter#none()}
     * @param limit the page size, at least 1; above {@value #MAX_LIMIT} it is reduced to {@value #MAX_LIMIT}
     * @param offset how many hits to skip, at least 0
     * @return the total number of matches and the requested page
     * @throws IllegalArgumentException when the query is longer than {@value #MAX_QUERY_LENGTH} characters or has so
     *     many words that it cannot be run, when {@code limit} is below 1 or when {@code offset} is negative
     */
    public SearchResult search(String query, SearchFilter filter, int limit, int offset) {
        String text = query == null ? "" : query;
        int length = text.codePointCount(0, text.length());
        if (length > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException("Search query is " + length + " characters long; at most "
                    + MAX_QUERY_LENGTH + " are allowed. Shorten it.");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("Search limit must be at least 1 (at most " + MAX_LIMIT
                    + " are returned per page); it was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("Search offset must be 0 or more; it was " + offset);
        }
        int pageSize = Math.min(limit, MAX_LIMIT);
        Query restriction = restriction(filter == null ? SearchFilter.none() : filter);
        try {
            if (text.isBlank()) {
                return run(new ConstantScoreQuery(restriction), false, Map.of(), pageSize, offset);
            }
            UserQueryParser parser = new UserQueryParser(queryAnalyzer);
            Query textQuery = parser.parseAsTyped(text);
            Query textAndFilter = new BooleanQuery.Builder()
                    .add(textQuery, BooleanClause.Occur.MUST)
                    .add(restriction, BooleanClause.Occur.FILTER)
                    .build();
            return run(textAndFilter, true, parser.queriesByLabel(), pageSize, offset);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new IllegalArgumentException(
                    "Search query has too many words or parts to run; shorten it to a few dozen words.", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not search the product index", e);
        }
    }

    /** How many products are indexed, counting every upsert and remove that returned before this call. */
    public int size() {
        reopenIfChanged();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the product search index", e);
        }
    }

    /** Releases the index; it cannot be used afterwards. */
    @Override
    public void close() {
        try {
            IOUtils.close(searchers, writer, directory, indexAnalyzer, queryAnalyzer);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the product search index", e);
        }
    }

    /**
     * Runs a query and builds one page. A scored query is ordered by score then id and its hits say which fields
     * matched (from {@code queriesByLabel}); an unscored one is ordered by id.
     */
    private SearchResult run(
            Query query, boolean scored, Map<String, List<Query>> queriesByLabel, int pageSize, int offset)
            throws IOException {
        reopenIfChanged();
        IndexSearcher searcher = searchers.acquire();
        try {
            int maxDoc = searcher.getIndexReader().maxDoc();
            // Never ask for more hits than documents exist: a huge offset must not allocate a huge queue.
            int wanted = (int) Math.max(1, Math.min((long) offset + pageSize, maxDoc));
            TopFieldDocs top = searcher.search(
                    query,
                    new TopFieldCollectorManager(scored ? BY_SCORE_THEN_ID : BY_ID, wanted, null, Integer.MAX_VALUE));
            int from = Math.min(offset, top.scoreDocs.length);
            int to = Math.min(top.scoreDocs.length, from + pageSize);
            int[] docs = new int[to - from];
            for (int i = from; i < to; i++) {
                docs[i - from] = top.scoreDocs[i].doc;
            }
            List<List<String>> matched = scored ? MatchedFields.of(searcher, queriesByLabel, docs) : null;
            List<SearchHit> hits = new ArrayList<>(docs.length);
            for (int i = from; i < to; i++) {
                FieldDoc hit = (FieldDoc) top.scoreDocs[i];
                // The sort's last key is the product id, read from doc values: no stored fields to decompress.
                String productId = ((BytesRef) hit.fields[hit.fields.length - 1]).utf8ToString();
                hits.add(
                        scored
                                ? new SearchHit(productId, (Float) hit.fields[0], matched.get(i - from))
                                : new SearchHit(productId, 0.0f, List.of()));
            }
            return new SearchResult(top.totalHits.value, hits);
        } finally {
            searchers.release(searcher);
        }
    }

    private void reopenIfChanged() {
        long wanted = changes.get();
        if (visibleChanges >= wanted) {
            return;
        }
        synchronized (reopenLock) {
            if (visibleChanges >= wanted) {
                return;
            }
            // Every change counted here has returned, so the reopen below sees it.
            long counted = changes.get();
            try {
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not reopen the product search index", e);
            }
            visibleChanges = counted;
        }
    }

    private static Query restriction(SearchFilter filter) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
        requireIfSet(all, DOMAIN, filter.domain());
        requireIfSet(all, TAG, filter.tag());
        requireIfSet(all, OWNER, filter.owner());
        requireIfSet(all, STATUS, filter.status());
        requireIfSet(all, CLASSIFICATION, filter.classification());
        return all.build();
    }

    private static void requireIfSet(BooleanQuery.Builder all, String field, String value) {
        if (value != null && !value.isBlank()) {
            all.add(new TermQuery(new Term(field, keyword(value))), BooleanClause.Occur.FILTER);
        }
    }

    private static Document toLucene(SearchDocument product) {
        Document doc = new Document();
        doc.add(new StringField(ID, product.productId(), Field.Store.NO));
        doc.add(new SortedDocValuesField(ID_SORT, new BytesRef(product.productId())));
        addText(doc, SearchableField.NAME, product.productId());
        addText(doc, SearchableField.TITLE, product.title());
        addText(doc, SearchableField.DESCRIPTION, product.description());
        for (String tag : product.tags()) {
            addText(doc, SearchableField.TAGS, tag);
            addKeyword(doc, TAG, tag);
        }
        for (SchemaField field : product.fields()) {
            addText(doc, SearchableField.FIELD_PATHS, field.path());
            addText(doc, SearchableField.FIELD_DOCS, field.doc());
        }
        addKeyword(doc, DOMAIN, product.domain());
        addKeyword(doc, OWNER, product.ownerTeam());
        addKeyword(doc, OWNER, product.ownerEmail());
        addKeyword(doc, STATUS, product.status());
        addKeyword(doc, CLASSIFICATION, product.classification());
        return doc;
    }

    private static void addText(Document doc, SearchableField field, String text) {
        if (text != null && !text.isBlank()) {
            doc.add(new TextField(field.indexName(), text, Field.Store.NO));
        }
    }

    private static void addKeyword(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new StringField(field, keyword(value), Field.Store.NO));
        }
    }

    private static String keyword(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
