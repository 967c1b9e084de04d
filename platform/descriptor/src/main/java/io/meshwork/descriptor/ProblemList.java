package io.meshwork.descriptor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.yaml.snakeyaml.error.Mark;

/** Collects the problems found in one descriptor, then reports them in document order as one exception. */
final class ProblemList {
    /** More than this many problems are summarised: past a hundred, the rest are rarely news. */
    static final int MAX_REPORTED = 100;

    private static final int MAX_QUOTED = 60;

    private final String file;
    private final List<DescriptorProblem> problems = new ArrayList<>();

    ProblemList(String file) {
        this.file = file == null ? "dataproduct.yaml" : file;
    }

    String file() {
        return file;
    }

    /** Adds a problem at a SnakeYAML mark (0-based), or at an unknown position when the mark is null. */
    void add(Mark mark, String field, String message, String fix) {
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        add(line, column, field, message, fix);
    }

    /** Adds a problem at a 1-based line and column (0 when unknown). */
    void add(int line, int column, String field, String message, String fix) {
        problems.add(new DescriptorProblem(file, line, column, field == null ? "" : field, message, fix));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    int size() {
        return problems.size();
    }

    /** @return the problems in document order, at most {@link #MAX_REPORTED} and a summary of the rest */
    DescriptorException toException() {
        List<DescriptorProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(DescriptorProblem::line).thenComparingInt(DescriptorProblem::column));
        if (sorted.size() > MAX_REPORTED) {
            int more = sorted.size() - MAX_REPORTED;
            sorted = new ArrayList<>(sorted.subList(0, MAX_REPORTED));
            sorted.add(new DescriptorProblem(
                    file,
                    0,
                    0,
                    "",
                    "and " + more + " more problems not shown",
                    "fix the problems above and check the file again"));
        }
        return new DescriptorException(sorted);
    }

    /**
     * Quotes a value written by the user for a message: single quotes, control and invisible characters escaped as
     * in a YAML double-quoted string ({@code \u001B}), long values cut, so that a hostile value cannot forge or hide
     * output.
     */
    static String quote(String value) {
        StringBuilder s = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (shown++ == MAX_QUOTED) {
                s.append("…");
                break;
            }
            if (CharacterRules.isSafeToShow(cp)) {
                s.appendCodePoint(cp);
            } else {
                s.append(
                        cp > 0xFFFF
                                ? String.format(Locale.ROOT, "\\U%08X", cp)
                                : String.format(Locale.ROOT, "\\u%04X", cp));
            }
        }
        return s.append('\'').toString();
    }
}
