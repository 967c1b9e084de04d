package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.governance.changelog.SchemaChangelog;
import io.meshwork.schemas.governance.ChangeClassification;
import io.meshwork.schemas.governance.GovernanceAction;
import io.meshwork.schemas.governance.SchemaChange;
import org.apache.avro.Schema;

/**
 * {@code schema.breaking-change}: no change between a subject's latest registered schema and the proposed one is
 * classified breaking by the {@link SchemaChangelog}. Subjects are per major version, so every change compared here is
 * within one major version.
 */
public final class BreakingChangePolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "schema.breaking-change";

    public BreakingChangePolicy() {
        super(
                ID,
                "No breaking schema change within a major version",
                "A breaking change within a major version fails existing consumers or producers; the mesh ships it"
                        + " as a new major version on a new topic, while the old one is deprecated with a sunset.",
                PolicySeverity.BLOCKER,
                GovernanceAction.PUBLISH,
                GovernanceAction.CHECK);
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        List<Finding> findings = new ArrayList<>();
        boolean compared = false;
        for (Map.Entry<String, Schema> e : input.proposedSchemas().entrySet()) {
            String subject = e.getKey();
            Schema previous = input.previousSchemas().get(subject);
            if (previous == null) {
                continue;
            }
            compared = true;
            List<SchemaChange> changes =
                    SchemaChangelog.between(previous, e.getValue(), input.compatibilityFor(subject));
            String fix = "make it compatible (e.g. give the new field a default) or publish it as "
                    + NextMajor.of(input, subject).describe();
            for (SchemaChange change : changes) {
                // UNKNOWN comes from a newer platform; its schema says to treat it as breaking.
                if (change.getClassification() != ChangeClassification.BREAKING
                        && change.getClassification() != ChangeClassification.UNKNOWN) {
                    continue;
                }
                String path = change.getPath();
                findings.add(Finding.failed(
                        "breaking change in " + subject + (path.isEmpty() ? "" : " at '" + path + "'") + ": "
                                + change.getDescription(),
                        fix,
                        path.isEmpty() ? subject : subject + "#" + path));
            }
        }
        if (!compared) {
            return List.of(Finding.skipped("no previous schema to compare against"));
        }
        return findings;
    }
}
