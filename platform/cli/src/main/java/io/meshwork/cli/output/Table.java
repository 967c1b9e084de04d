package io.meshwork.cli.output;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A text table: a header row and rows of cells, printed in aligned columns separated by two spaces, without trailing
 * blanks. A column may be given a maximum width; longer cells are cut with an ellipsis. Line breaks and tabs inside a
 * cell are printed as spaces, so one row is always one line.
 */
public final class Table {
    private static final String ELLIPSIS = "…";

    private final List<String> headers;
    private final int[] maxWidths;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList();
        this.maxWidths = new int[headers.size()];
        Arrays.fill(maxWidths, Integer.MAX_VALUE);
    }

    /**
     * @param headers the column names, printed in upper case
     * @return an empty table
     */
    public static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    /**
     * Limits a column's width.
     *
     * @param column the column index
     * @param width the widest a cell may be printed, at least 2
     * @return this table
     */
    public Table maxWidth(int column, int width) {
        maxWidths[column] = Math.max(2, width);
        return this;
    }

    /**
     * Adds a row; null cells print as {@code -}.
     *
     * @param cells one value per column
     * @return this table
     */
    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(
                    "a row needs " + headers.size() + " cells, got " + cells.length + ": " + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>(cells.length);
        for (int i = 0; i < cells.length; i++) {
            row.add(clip(cell(cells[i]), maxWidths[i]));
        }
        rows.add(row);
        return this;
    }

    /** @return whether no row was added */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** @return how many rows were added */
    public int size() {
        return rows.size();
    }

    /** Prints the header and the rows. */
    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(headers.get(i));
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        line(out, headers, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
    }

    /** @return the table as text, one line per row, each ending with a line break */
    public String render() {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        print(out);
        out.flush();
        return text.toString();
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - width(cell) + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        String text = value.toString().replaceAll("[\\t\\r\\n]+", " ").strip();
        return text.isEmpty() ? "-" : text;
    }

    private static String clip(String text, int max) {
        if (width(text) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + ELLIPSIS;
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
