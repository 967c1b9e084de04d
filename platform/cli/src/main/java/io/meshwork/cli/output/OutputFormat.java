package io.meshwork.cli.output;

/** How a command prints its answer: {@code --output table|json|yaml}. */
public enum OutputFormat {
    /** Aligned columns and short sections for people (the default). */
    TABLE,
    /** The answer as pretty-printed JSON, for scripts ({@code jq}). */
    JSON,
    /** The same document as YAML. */
    YAML
}
