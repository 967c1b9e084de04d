package io.meshwork.sdk.service;

import io.meshwork.sdk.quality.QualityRules;

/**
 * Thrown inside a topology for a record that failed quality rules with action {@code dlq} or {@code fail}; the SDK's
 * processing exception handler turns it into a dead letter on {@link #deadLetterTopic()} (dlq) or stops the service
 * (fail). Not meant to be caught.
 */
public final class QualityRuleViolation extends RuntimeException {
    private final transient QualityRules.Verdict verdict;
    private final String deadLetterTopic;
    private final boolean fatal;

    /**
     * @param productTopic the port whose rules failed
     * @param verdict the failed rules
     * @param fatal true when a failed rule has action {@code fail}
     */
    public QualityRuleViolation(String productTopic, QualityRules.Verdict verdict, boolean fatal) {
        super(
                (fatal ? "A quality rule with action fail failed for " : "Quality rules failed for ") + productTopic
                        + ": " + verdict.describe(),
                null,
                false,
                false);
        this.verdict = verdict;
        this.deadLetterTopic = DeadLetters.topicFor(productTopic);
        this.fatal = fatal;
    }

    /** @return the failed rules */
    public QualityRules.Verdict verdict() {
        return verdict;
    }

    /** @return the dead-letter topic of the port whose rules failed */
    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    /** @return true when the service must stop */
    public boolean fatal() {
        return fatal;
    }
}
