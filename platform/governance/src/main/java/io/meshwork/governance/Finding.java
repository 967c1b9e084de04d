package io.meshwork.governance;

import java.util.Objects;

import io.meshwork.schemas.governance.PolicyOutcome;

/**
 * One thing a policy found: a failure (with what is wrong, how to fix it and where) or the reason it was skipped.
 *
 * @param outcome {@link PolicyOutcome#FAILED} or {@link PolicyOutcome#SKIPPED}
 * @param message the thing concerned and what is wrong with it, or why the policy was skipped
 * @param fix an instruction the user can follow; null for a skip
 * @param location where the problem is, e.g. {@code dataproduct.yaml:14#outputPorts[0].partitions} or {@code
 *     sales.orders.v1-value#customer.email}; null when it concerns the action as a whole
 */
public record Finding(PolicyOutcome outcome, String message, String fix, String location) {
    public Finding {
        Objects.requireNonNull(outcome, "outcome");
        if (outcome != PolicyOutcome.FAILED && outcome != PolicyOutcome.SKIPPED) {
            throw new IllegalArgumentException(
                    "a finding is FAILED or SKIPPED (a pass is an empty list), not " + outcome);
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a finding needs a message");
        }
        if (outcome == PolicyOutcome.SKIPPED) {
            fix = null;
        }
    }

    /**
     * @param message the thing concerned and what is wrong with it
     * @param fix how to fix it
     * @param location where, or null
     * @return a failure
     */
    public static Finding failed(String message, String fix, String location) {
        return new Finding(PolicyOutcome.FAILED, message, fix, location);
    }

    /**
     * @param reason why the policy does not apply to this input
     * @return a skip
     */
    public static Finding skipped(String reason) {
        return new Finding(PolicyOutcome.SKIPPED, reason, null, null);
    }

    /** @return true for a failure */
    public boolean isFailure() {
        return outcome == PolicyOutcome.FAILED;
    }
}
