package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.schemas.governance.GovernanceAction;
import org.apache.avro.Schema;

/**
 * {@code docs.every-field}: every record field of every proposed schema, nested ones included, and every named type
 * (record, enum, fixed) has a non-blank {@code doc}.
 */
public final class FieldDocumentationPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "docs.every-field";

    public FieldDocumentationPolicy() {
        super(
                ID,
                "Every field and named type of a schema has a doc",
                "The schema is the contract consumers read; a field without a doc leaves its meaning, units and"
                        + " null semantics to guesswork.",
                PolicySeverity.WARNING,
                GovernanceAction.DECLARE,
                GovernanceAction.PUBLISH,
                GovernanceAction.REGISTER_SCHEMA,
                GovernanceAction.CHECK);
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        if (input.proposedSchemas().isEmpty()) {
            return List.of(Finding.skipped("no schema is proposed"));
        }
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, Schema> e : input.proposedSchemas().entrySet()) {
            check(e.getKey(), e.getValue(), findings);
        }
        return findings;
    }

    private static void check(String subject, Schema schema, List<Finding> findings) {
        for (SchemaFields.NamedAt named : SchemaFields.namedTypes(schema)) {
            if (blank(named.schema().getDoc())) {
                String kind = named.schema().getType().getName();
                findings.add(Finding.failed(
                        kind + " type '" + named.schema().getFullName() + "' in " + subject + " has no doc",
                        "add a \"doc\" to " + kind + " '" + named.schema().getName()
                                + "' saying what one value of it represents",
                        location(subject, named.path())));
            }
        }
        // A type used at several paths declares each field once; report it once, at its first path.
        Set<String> reported = new HashSet<>();
        for (SchemaFields.FieldAt at : SchemaFields.fields(schema)) {
            if (blank(at.field().doc())
                    && reported.add(at.owner().getFullName() + "#" + at.field().name())) {
                findings.add(Finding.failed(
                        "field '" + at.path() + "' in " + subject + " has no doc",
                        "add a \"doc\" to field '" + at.field().name() + "' of record '"
                                + at.owner().getName() + "' saying what it means (units, format, when it is null)",
                        location(subject, at.path())));
            }
        }
    }

    private static boolean blank(String doc) {
        return doc == null || doc.isBlank();
    }

    private static String location(String subject, String path) {
        return path.isEmpty() ? subject : subject + "#" + path;
    }
}
