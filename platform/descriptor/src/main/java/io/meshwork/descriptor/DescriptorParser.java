package io.meshwork.descriptor;

/**
 * Reads {@code dataproduct.yaml} (or its canonical JSON form) strictly: unknown fields, wrong types, bad formats and
 * missing required fields are all reported at once, each with file, line, field and fix.
 */
public final class DescriptorParser {
    private DescriptorParser() {}

    /**
     * @param file the file name to report in problems, e.g. {@code dataproduct.yaml}
     * @param text the YAML (or JSON) text
     * @return the descriptor with its source positions
     * @throws DescriptorException listing every problem found
     */
    public static ParsedDescriptor parse(String file, String text) throws DescriptorException {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
