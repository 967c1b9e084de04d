package io.meshwork.descriptor;

import java.util.Map;

/**
 * A descriptor together with where each of its fields was written, so that later checks (governance policies) can
 * point at a line.
 *
 * @param descriptor the model
 * @param file the file name given to the parser
 * @param lines 1-based line of each field path present in the source, e.g. {@code outputPorts[0].partitions -> 14};
 *     empty when the descriptor was not parsed from text
 */
public record ParsedDescriptor(ProductDescriptor descriptor, String file, Map<String, Integer> lines) {
    public ParsedDescriptor {
        lines = lines == null ? Map.of() : Map.copyOf(lines);
    }

    /** @return a descriptor built in code, without source positions */
    public static ParsedDescriptor of(ProductDescriptor descriptor) {
        return new ParsedDescriptor(descriptor, "dataproduct.yaml", Map.of());
    }

    /**
     * @param field a field path such as {@code outputPorts[0].partitions}
     * @return {@code file:line#field} when the line is known, else {@code file#field}; the nearest known parent
     *     field's line is used when the field itself is absent
     */
    public String locate(String field) {
        String probe = field;
        while (probe != null && !probe.isEmpty()) {
            Integer line = lines.get(probe);
            if (line != null) {
                return file + ":" + line + "#" + field;
            }
            int cut = Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('['));
            probe = cut < 0 ? null : probe.substring(0, cut);
        }
        return file + "#" + field;
    }
}
