package io.meshwork.registry;

import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;

/**
 * A governance check that runs inside schema registration, so that a schema breaking a mesh policy is refused even
 * when a plain Confluent client sends it. The refusal is answered with HTTP 422 and a Meshwork error code (42290 and
 * up) naming the policy and the fix.
 */
@FunctionalInterface
public interface RegistrationPolicy {
    /**
     * @param subject the subject registered under
     * @param candidate the parsed schema being registered
     * @param priors the subject's live versions, oldest first
     * @return a violation to refuse the registration, or empty to allow it
     */
    Optional<Violation> check(String subject, Schema candidate, List<CompatibilityChecker.Prior> priors);

    /**
     * Why a registration is refused.
     *
     * @param policyId the policy's id, e.g. {@code schema.field-docs}
     * @param errorCode the error code answered, 42290 or above
     * @param message what is wrong, where, and how to fix it
     */
    record Violation(String policyId, int errorCode, String message) {
        public Violation {
            if (errorCode < 42290 || errorCode > 42299) {
                throw new IllegalArgumentException("Meshwork governance error codes are 42290-42299, not " + errorCode);
            }
        }
    }
}
