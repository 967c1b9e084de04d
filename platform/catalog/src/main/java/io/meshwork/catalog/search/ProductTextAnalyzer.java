package io.meshwork.catalog.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analysis of every searchable text: titles, descriptions, tags, product ids and schema field paths.
 *
 * <p>Field paths are camelCase or dotted ({@code customerEmail}, {@code customer.email}, {@code customer_email}), so
 * a word delimiter splits them on case changes, dots, underscores and digits while keeping the whole token too:
 * {@code customerEmail} is found by {@code email}, by {@code customer email} and by {@code customerEmail}. English
 * stop words are dropped before the split, so a query such as {@code orders of a customer} needs only its content
 * words, while {@code isActive} keeps both parts.
 *
 * <p>Stemming is deliberately light ({@link EnglishMinimalStemFilter}: plurals only), so {@code orders} finds
 * {@code order} and {@code categories} finds {@code category}, but {@code customer} is not conflated with
 * {@code custom} nor {@code policy} with {@code police} as Porter stemming would do. At index time each word is kept
 * unstemmed as well, so prefix queries (which are not analyzed) also find the plural form as typed.
 *
 * <p>The index-time chain flattens the word delimiter's graph, as an index cannot store one; the query-time chain
 * keeps the graph so that a split word must match all its parts (or the whole token).
 */
final class ProductTextAnalyzer extends Analyzer {
    private static final CharArraySet STOP_WORDS = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);

    private static final int WORD_DELIMITER_FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
            | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    /** Keeps phrases from matching across two values of a multi-valued field (two tags, two field docs). */
    private static final int GAP_BETWEEN_VALUES = 100;

    private final boolean forIndexing;

    private ProductTextAnalyzer(boolean forIndexing) {
        this.forIndexing = forIndexing;
    }

    /** The chain that writes documents. */
    static ProductTextAnalyzer forIndexing() {
        return new ProductTextAnalyzer(true);
    }

    /** The chain that analyzes users' queries. */
    static ProductTextAnalyzer forQueries() {
        return new ProductTextAnalyzer(false);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new StopFilter(source, STOP_WORDS);
        stream = new WordDelimiterGraphFilter(stream, WORD_DELIMITER_FLAGS, null);
        stream = new LowerCaseFilter(stream);
        if (forIndexing) {
            stream = new KeywordRepeatFilter(stream);
        }
        stream = new EnglishMinimalStemFilter(stream);
        if (forIndexing) {
            stream = new RemoveDuplicatesTokenFilter(stream);
            stream = new FlattenGraphFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
        return GAP_BETWEEN_VALUES;
    }
}
