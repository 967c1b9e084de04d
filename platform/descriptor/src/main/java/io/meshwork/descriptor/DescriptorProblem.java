package io.meshwork.descriptor;

/**
 * One thing wrong with a descriptor: where (file, line, column, field path), what, and how to fix it.
 *
 * @param file the descriptor's file name as given to the parser, e.g. {@code domains/sales/dataproduct.yaml}
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param field the field path, e.g. {@code outputPorts[0].partitions}; empty for the document as a whole
 * @param message what is wrong
 * @param fix how to fix it
 */
public record DescriptorProblem(String file, int line, int column, String field, String message, String fix) {

    /** @return one line: {@code file:line:column: field: message. Fix: fix} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": ");
        if (!field.isEmpty()) {
            s.append(field).append(": ");
        }
        s.append(message);
        if (fix != null && !fix.isEmpty()) {
            s.append(". Fix: ").append(fix);
        }
        return s.toString();
    }
}
