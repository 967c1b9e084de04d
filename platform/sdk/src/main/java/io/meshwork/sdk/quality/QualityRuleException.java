package io.meshwork.sdk.quality;

import java.util.List;

/** Quality rules that do not compile: every problem, each naming the rule, what is wrong and the fix. */
public final class QualityRuleException extends IllegalArgumentException {
    private final List<String> problems;

    /** @param problems one sentence each */
    public QualityRuleException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem */
    public List<String> problems() {
        return problems;
    }
}
