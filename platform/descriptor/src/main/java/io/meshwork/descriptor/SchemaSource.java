package io.meshwork.descriptor;

/**
 * Where a port's Avro schema comes from: exactly one of a path to an {@code .avsc} file (relative to the descriptor)
 * or the name of a generated Avro class. In YAML, a string ending in {@code .avsc} is a path, any other string a
 * class name; the long form is {@code {path: ...}} or {@code {class: ...}}.
 *
 * @param path the {@code .avsc} path, or null
 * @param className the generated class's fully qualified name, or null
 */
public record SchemaSource(String path, String className) {
    public SchemaSource {
        if ((path == null) == (className == null)) {
            throw new IllegalArgumentException("a schema source is exactly one of a path or a class name");
        }
    }

    /** @return a source read from an {@code .avsc} file */
    public static SchemaSource ofPath(String path) {
        return new SchemaSource(path, null);
    }

    /** @return a source taken from a generated class */
    public static SchemaSource ofClass(String className) {
        return new SchemaSource(null, className);
    }
}
