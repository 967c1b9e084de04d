package io.meshwork.catalog.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;

/**
 * Turns what a user typed into a query over every {@link SearchableField}. Built on {@link SimpleQueryParser}, which
 * never throws on malformed input: an unbalanced quote or parenthesis is ignored, {@code :} and {@code AND} are plain
 * text. Supported syntax: words (all required), {@code "phrases"}, {@code "phrases"~N}, {@code word*},
 * {@code a | b}, {@code -word}, {@code (groups)} and {@code \} to escape. Fuzzy {@code ~} on words is off. To
 * bound the cost of one query, a prefix must have at least two characters and only the first four prefixes are
 * expanded; a shorter or later one is searched as a plain word.
 *
 * <p>Each word becomes a {@link DisjunctionMaxQuery} over the fields, so a word found in the title and in twenty
 * field docs scores mostly as a title match, not as the sum of twenty-one. As the user types, the last word (when
 * not followed by a space) also matches as a prefix, so {@code ord} finds {@code orders}; an exact match still
 * outranks a prefix-only one.
 *
 * <p>One instance parses one query: it remembers the per-field queries it built, by {@link SearchHit#matchedFields()
 * label}, so that {@link MatchedFields} can tell which parts of a hit matched.
 */
final class UserQueryParser extends SimpleQueryParser {
    private static final int FLAGS = AND_OPERATOR
            | NOT_OPERATOR
            | OR_OPERATOR
            | PREFIX_OPERATOR
            | PHRASE_OPERATOR
            | PRECEDENCE_OPERATORS
            | ESCAPE_OPERATOR
            | WHITESPACE_OPERATOR
            | NEAR_OPERATOR;

    /** How much of a field's other matches add to its best one. */
    private static final float TIE_BREAKER = 0.2f;

    /** Prefix matches score as a constant; weighted down so that a real word match ranks above them. */
    private static final float PREFIX_WEIGHT = 0.5f;

    /** A one-letter prefix matches nearly everything and costs the most; it is searched as a word instead. */
    private static final int MIN_PREFIX_LENGTH = 2;

    /** Each prefix expands to many terms; past this many in one query the rest are searched as words. */
    private static final int MAX_PREFIXES = 4;

    private static final Pattern PLAIN_WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._]*");

    private final Map<String, List<Query>> builtByLabel = new HashMap<>();
    private int prefixes;

    UserQueryParser(Analyzer queryAnalyzer) {
        super(queryAnalyzer, weights(), FLAGS);
        setDefaultOperator(BooleanClause.Occur.MUST);
    }

    /**
     * Parses text as typed into a search box: like {@link #parse(String)}, with the last word also a prefix.
     *
     * @return the query; a {@code MatchNoDocsQuery} when nothing searchable is left (e.g. only stop words)
     */
    Query parseAsTyped(String text) {
        return parse(withLastWordAsPrefix(text));
    }

    /** The per-field queries built while parsing, by {@link SearchHit#matchedFields() label}. */
    Map<String, List<Query>> queriesByLabel() {
        return builtByLabel;
    }

    @Override
    protected Query newDefaultQuery(String text) {
        return acrossFields(field -> createBooleanQuery(field.indexName(), text, getDefaultOperator()), 1.0f);
    }

    @Override
    protected Query newPhraseQuery(String text, int slop) {
        return acrossFields(field -> createPhraseQuery(field.indexName(), text, slop), 1.0f);
    }

    @Override
    protected Query newPrefixQuery(String text) {
        if (text.codePointCount(0, text.length()) < MIN_PREFIX_LENGTH || ++prefixes > MAX_PREFIXES) {
            return newDefaultQuery(text);
        }
        // Prefixes are not analyzed (a partial word would be split or stemmed wrongly); the index keeps each
        // token unstemmed and whole, lower-cased, so lower-casing the prefix is enough.
        String prefix = text.toLowerCase(Locale.ROOT);
        return acrossFields(field -> new PrefixQuery(new Term(field.indexName(), prefix)), PREFIX_WEIGHT);
    }

    private Query acrossFields(Function<SearchableField, Query> perField, float weight) {
        List<Query> disjuncts = new ArrayList<>();
        for (SearchableField field : SearchableField.values()) {
            Query query = perField.apply(field);
            if (query != null) {
                builtByLabel
                        .computeIfAbsent(field.label(), l -> new ArrayList<>())
                        .add(query);
                disjuncts.add(new BoostQuery(query, field.weight() * weight));
            }
        }
        if (disjuncts.isEmpty()) {
            return null;
        }
        return disjuncts.size() == 1 ? disjuncts.get(0) : new DisjunctionMaxQuery(disjuncts, TIE_BREAKER);
    }

    /**
     * Rewrites a trailing plain word {@code w} (letters, digits, dots, underscores; not inside an open phrase, not
     * escaped, not followed by a space) to {@code (w|w*)}.
     */
    static String withLastWordAsPrefix(String text) {
        if (text.isEmpty() || isQueryWhitespace(text.charAt(text.length() - 1))) {
            return text;
        }
        if (text.indexOf('\\') >= 0 || text.chars().filter(c -> c == '"').count() % 2 != 0) {
            return text;
        }
        int start = text.length();
        while (start > 0 && !isQueryWhitespace(text.charAt(start - 1))) {
            start--;
        }
        while (start < text.length() && "+-|(".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        String word = text.substring(start);
        if (word.codePointCount(0, word.length()) < MIN_PREFIX_LENGTH
                || !PLAIN_WORD.matcher(word).matches()) {
            return text;
        }
        return text.substring(0, start) + "(" + word + "|" + word + "*)";
    }

    /** The characters {@link SimpleQueryParser} treats as whitespace. */
    private static boolean isQueryWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static Map<String, Float> weights() {
        Map<String, Float> weights = new LinkedHashMap<>();
        for (SearchableField field : SearchableField.values()) {
            weights.put(field.indexName(), field.weight());
        }
        return weights;
    }
}
