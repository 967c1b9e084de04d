package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.meshwork.descriptor.Classification;
import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.schemas.governance.GovernanceAction;

/** {@code pii.not-public}: a product with any field tagged {@code pii} is not classified {@code public}. */
public final class PiiClassificationPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "pii.not-public";

    public PiiClassificationPolicy() {
        super(
                ID,
                "A product carrying pii-tagged fields is not classified public",
                "Public products are granted to anyone at once; personal data must only reach consumers whose"
                        + " access was approved.",
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
        ProductDescriptor d = parsed.descriptor();
        if (d.classification() != Classification.PUBLIC) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        for (OutputPort port : d.outputPorts()) {
            List<String> fields = port.fieldsTagged(PiiTaggingPolicy.PII);
            if (fields.isEmpty()) {
                continue;
            }
            String subject = port.topic() + "-value";
            String names = fields.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", "));
            findings.add(Finding.failed(
                    (fields.size() == 1
                                    ? "field " + names + " in " + subject + " is"
                                    : "fields " + names + " in " + subject + " are")
                            + " tagged pii but " + d.id() + " is classified public",
                    "set classification: confidential (or restricted) in " + parsed.file()
                            + ", or remove the personal data from the product",
                    parsed.locate("classification")));
        }
        return findings;
    }
}
