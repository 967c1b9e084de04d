package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.CompatibilityOracle;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.registry.CompatibilityLevel;
import io.meshwork.schemas.governance.GovernanceAction;
import org.apache.avro.Schema;

/**
 * {@code schema.compatibility}: every proposed schema passes its port's compatibility level (default {@code
 * FULL_TRANSITIVE}) against the subject's registered history, as the {@link CompatibilityOracle} answers.
 */
public final class SchemaCompatibilityPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "schema.compatibility";

    private final CompatibilityOracle oracle;

    /** @param oracle the registry's answer for a subject's history */
    public SchemaCompatibilityPolicy(CompatibilityOracle oracle) {
        super(
                ID,
                "Every proposed schema is compatible with its subject's history under the port's level",
                "Within a major version consumers keep reading with the schemas they have; an incompatible schema"
                        + " breaks them at runtime. Breaking changes ship as a new major version instead.",
                PolicySeverity.BLOCKER,
                GovernanceAction.PUBLISH,
                GovernanceAction.CHECK);
        this.oracle = Objects.requireNonNull(oracle, "oracle");
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        if (input.proposedSchemas().isEmpty()) {
            return List.of(Finding.skipped("no schema is proposed"));
        }
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, Schema> e : input.proposedSchemas().entrySet()) {
            String subject = e.getKey();
            CompatibilityLevel level = input.compatibilityFor(subject);
            List<String> problems = oracle.incompatibilities(subject, e.getValue(), level);
            if (problems == null || problems.isEmpty()) {
                continue;
            }
            NextMajor next = NextMajor.of(input, subject);
            findings.add(Finding.failed(
                    "schema proposed for " + subject + " is not " + level + " compatible with its registered versions: "
                            + String.join("; ", problems),
                    "make the change compatible (e.g. give new fields a default, keep removed fields' defaults, do"
                            + " not change types) or ship it as " + next.describe(),
                    subject));
        }
        return findings;
    }
}
