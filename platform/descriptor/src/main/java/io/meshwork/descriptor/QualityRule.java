package io.meshwork.descriptor;

import java.util.Locale;

/**
 * A record-level rule: an expression over the record's fields that must hold, and what happens to a record that
 * fails it.
 *
 * @param name short rule name, e.g. {@code positive-amount}
 * @param expression the expression (CEL), e.g. {@code record.amount > 0}
 * @param action what happens to a failing record
 */
public record QualityRule(String name, String expression, Action action) {

    /** What happens to a record that fails a rule. */
    public enum Action {
        /** Sent to the product's dead-letter topic with the rule as the cause. */
        DLQ,
        /** Dropped and counted. */
        DROP,
        /** The service stops with an error. */
        FAIL;

        /** @return the lowercase form used in YAML */
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
