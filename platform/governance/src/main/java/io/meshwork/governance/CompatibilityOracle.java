package io.meshwork.governance;

import java.util.List;

import io.meshwork.registry.CompatibilityLevel;
import org.apache.avro.Schema;

/**
 * Answers whether a candidate schema may follow what a subject already holds. The platform implements it with its
 * registry, checking against the subject's whole live history.
 */
@FunctionalInterface
public interface CompatibilityOracle {
    /** An oracle that knows no history: everything is compatible. */
    CompatibilityOracle NONE = (subject, candidate, level) -> List.of();

    /**
     * @param subject e.g. {@code sales.orders.v1-value}
     * @param candidate the proposed schema
     * @param level the compatibility level to check under
     * @return one message per incompatibility; empty when compatible
     */
    List<String> incompatibilities(String subject, Schema candidate, CompatibilityLevel level);
}
