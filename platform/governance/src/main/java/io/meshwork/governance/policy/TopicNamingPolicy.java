package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.descriptor.SemanticVersion;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.governance.ProductSubject;
import io.meshwork.schemas.governance.GovernanceAction;

/**
 * {@code naming.topic}: the output port writes {@code <id>.v<major>}, with major the descriptor version's MAJOR; at
 * schema registration, a subject shaped like a product's ({@code <domain>.<name>.v<N>-value|-key}) is well formed.
 */
public final class TopicNamingPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "naming.topic";

    public TopicNamingPolicy() {
        super(
                ID,
                "Output topic is <id>.v<major> and product subjects are <id>.v<major>-value|-key",
                "A breaking change ships as a new major version on a new topic; tying the topic to the id and the"
                        + " major version lets consumers, lineage and the registry follow a product without asking.",
                PolicySeverity.BLOCKER,
                GovernanceAction.DECLARE,
                GovernanceAction.PUBLISH,
                GovernanceAction.REGISTER_SCHEMA,
                GovernanceAction.CHECK);
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        if (input.action() == GovernanceAction.REGISTER_SCHEMA) {
            return subjects(input);
        }
        ParsedDescriptor parsed = input.descriptor();
        if (parsed == null) {
            return List.of(Finding.skipped(NO_DESCRIPTOR));
        }
        ProductDescriptor d = parsed.descriptor();
        if (!SemanticVersion.isValid(d.version())) {
            return List.of(Finding.failed(
                    "version '" + d.version() + "' of " + d.id()
                            + " is not MAJOR.MINOR.PATCH, so the topic's major version cannot be derived",
                    "set version: to a semantic version such as 1.0.0 in " + parsed.file(),
                    parsed.locate("version")));
        }
        String expected = d.expectedTopic();
        if (d.outputPorts().isEmpty()) {
            return List.of(Finding.failed(
                    d.id() + " declares no output port",
                    "add an outputPorts entry with topic: " + expected + " to " + parsed.file(),
                    parsed.locate("outputPorts")));
        }
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < d.outputPorts().size(); i++) {
            OutputPort port = d.outputPorts().get(i);
            String field = "outputPorts[" + i + "].topic";
            if (!expected.equals(port.topic())) {
                findings.add(Finding.failed(
                        "output topic '" + port.topic() + "' of " + d.id() + " " + d.version() + " is not '" + expected
                                + "' (<id>.v<major>)",
                        "set outputPorts[" + i + "].topic: " + expected + " in " + parsed.file()
                                + "; to write a new major version, raise version: to " + (d.major() + 1) + ".0.0",
                        parsed.locate(field)));
            } else if (!seen.add(port.topic())) {
                findings.add(Finding.failed(
                        "output topic '" + port.topic() + "' of " + d.id() + " is declared more than once; a version"
                                + " writes one topic",
                        "remove outputPorts[" + i + "] from " + parsed.file(),
                        parsed.locate(field)));
            }
        }
        return findings;
    }

    private static List<Finding> subjects(PolicyInput input) {
        List<Finding> findings = new ArrayList<>();
        boolean anyProductSubject = false;
        for (String subject : input.proposedSchemas().keySet()) {
            Optional<ProductSubject> parsed = ProductSubject.parse(subject);
            if (parsed.isEmpty()) {
                continue;
            }
            anyProductSubject = true;
            ProductSubject s = parsed.get();
            if (!s.wellFormed()) {
                findings.add(Finding.failed(
                        "subject '" + subject + "' looks like a product subject but is not <domain>.<name>.v<major>"
                                + "-value|-key with lowercase domain and name ([a-z][a-z0-9-]*)",
                        "register under '" + s.canonical().toLowerCase(Locale.ROOT)
                                + "' (the product topic followed by -value or -key), or use a subject that is not"
                                + " product-shaped",
                        subject));
            }
        }
        if (!anyProductSubject) {
            return List.of(Finding.skipped("no product subject (<domain>.<name>.v<major>-value|-key) is registered"));
        }
        return findings;
    }
}
