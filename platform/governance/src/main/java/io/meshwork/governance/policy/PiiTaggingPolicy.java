package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.schemas.governance.GovernanceAction;
import org.apache.avro.Schema;

/**
 * {@code pii.tagged}: a field whose name suggests personal data ({@link PolicySettings#piiPatternMatching}) is tagged
 * {@code pii} in its port's {@code fieldTags}, on itself or on an enclosing field.
 */
public final class PiiTaggingPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "pii.tagged";

    /** The tag that marks personal data. */
    public static final String PII = "pii";

    public PiiTaggingPolicy() {
        super(
                ID,
                "Fields that look like personal data are tagged pii",
                "Personal data must be found before it can be protected: the pii tag drives classification checks,"
                        + " access approval and consumers' own obligations.",
                PolicySeverity.WARNING,
                GovernanceAction.DECLARE,
                GovernanceAction.PUBLISH,
                GovernanceAction.CHECK);
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        ParsedDescriptor parsed = input.descriptor();
        if (parsed == null) {
            return List.of(Finding.skipped(NO_DESCRIPTOR));
        }
        List<Finding> findings = new ArrayList<>();
        boolean checked = false;
        List<OutputPort> ports = parsed.descriptor().outputPorts();
        for (int i = 0; i < ports.size(); i++) {
            OutputPort port = ports.get(i);
            String subject = port.topic() + "-value";
            Schema schema = input.proposedSchemas().get(subject);
            if (schema == null) {
                continue;
            }
            checked = true;
            for (SchemaFields.FieldAt at : SchemaFields.fields(schema)) {
                Optional<String> pattern =
                        settings.piiPatternMatching(at.field().name());
                if (pattern.isPresent() && !tagged(port, at.path())) {
                    findings.add(Finding.failed(
                            "field '" + at.path() + "' in " + subject + " looks like personal data (matches '"
                                    + pattern.get() + "') but is not tagged " + PII,
                            "tag it in " + parsed.file() + ": outputPorts[" + i + "].fieldTags: {" + at.path() + ": ["
                                    + PII + "]}",
                            subject + "#" + at.path()));
                }
            }
        }
        if (!checked) {
            return List.of(Finding.skipped("no output port has a proposed value schema"));
        }
        return findings;
    }

    /** @return true when {@code path} or a field enclosing it carries the pii tag */
    static boolean tagged(OutputPort port, String path) {
        String probe = path;
        while (true) {
            List<String> tags = port.fieldTags().get(probe);
            if (tags != null && tags.stream().anyMatch(PII::equalsIgnoreCase)) {
                return true;
            }
            int dot = probe.lastIndexOf('.');
            if (dot < 0) {
                return false;
            }
            probe = probe.substring(0, dot);
        }
    }
}
