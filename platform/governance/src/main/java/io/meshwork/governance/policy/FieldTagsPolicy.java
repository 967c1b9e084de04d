package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.schemas.governance.GovernanceAction;
import org.apache.avro.Schema;

/** {@code descriptor.field-tags}: every path tagged in a port's {@code fieldTags} exists in the port's value schema. */
public final class FieldTagsPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "descriptor.field-tags";

    public FieldTagsPolicy() {
        super(
                ID,
                "Every fieldTags path names a field of the port's value schema",
                "Tags drive PII handling and search; a tag on a misspelt or removed field protects nothing and"
                        + " hides the field that needed it.",
                PolicySeverity.BLOCKER,
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
            if (port.fieldTags().isEmpty()) {
                continue;
            }
            String subject = port.topic() + "-value";
            Schema schema = input.proposedSchemas().get(subject);
            if (schema == null) {
                continue;
            }
            checked = true;
            for (Map.Entry<String, List<String>> tag : new TreeMap<>(port.fieldTags()).entrySet()) {
                if (SchemaFields.resolve(schema, tag.getKey()).isEmpty()) {
                    findings.add(Finding.failed(
                            "outputPorts[" + i + "].fieldTags tags '" + tag.getKey() + "' " + tag.getValue() + ", but "
                                    + subject + " has no field at that path",
                            "fix the path in " + parsed.file() + " (dotted field names from the root record, e.g."
                                    + " customer.email) or remove the entry",
                            parsed.locate("outputPorts[" + i + "].fieldTags." + tag.getKey())));
                }
            }
        }
        if (!checked) {
            return List.of(Finding.skipped("no output port has both fieldTags and a proposed value schema"));
        }
        return findings;
    }
}
