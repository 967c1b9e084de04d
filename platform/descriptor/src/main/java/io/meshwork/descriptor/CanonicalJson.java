package io.meshwork.descriptor;

/**
 * The canonical JSON form of a descriptor, as carried by lifecycle events: keys sorted, no insignificant whitespace,
 * UTF-8, absent optional fields omitted. {@code read(write(d))} equals {@code d}.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    /** @return the canonical JSON text of {@code descriptor} */
    public static String write(ProductDescriptor descriptor) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * @param json canonical (or any equivalent) JSON text
     * @return the descriptor
     * @throws DescriptorException as {@link DescriptorParser#parse}, with file name {@code <json>}
     */
    public static ProductDescriptor read(String json) throws DescriptorException {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
