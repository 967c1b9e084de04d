package io.meshwork.sdk.registry;

import java.util.List;

/**
 * The registry's verdict on a candidate schema ({@code POST /compatibility/subjects/{s}/versions/{v}}).
 *
 * @param compatible whether the schema may be registered under the subject's compatibility level
 * @param messages why not, when the registry says (empty otherwise)
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    /** Copies the messages. */
    public CompatibilityResult {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
