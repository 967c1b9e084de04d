package io.meshwork.cli;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionCommandTest {
    @Test
    void shouldPrintABashAndZshCompletionScriptForEveryCommandAndOption() {
        Run run = Run.of(Map.of(), "completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_meshctl")
                .contains("bashcompinit")
                .contains("products", "subscriptions", "dlq", "replay", "doctor")
                .contains("--bootstrap-servers", "--platform", "--dry-run")
                .contains("(\"table\" \"json\" \"yaml\")")
                .contains("(\"tree\" \"dot\" \"mermaid\")")
                .contains("FULL_TRANSITIVE");
        assertThat(run.err()).isEmpty();
    }
}
