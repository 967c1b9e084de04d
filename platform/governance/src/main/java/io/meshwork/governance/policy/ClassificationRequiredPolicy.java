package io.meshwork.governance.policy;

import java.util.List;

import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.schemas.governance.GovernanceAction;

/** {@code classification.required}: the descriptor says who may read the product. */
public final class ClassificationRequiredPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "classification.required";

    public ClassificationRequiredPolicy() {
        super(
                ID,
                "Product has a classification (public, internal, confidential or restricted)",
                "The classification decides whether a subscription is granted at once or needs approval; without it"
                        + " the platform cannot protect the data.",
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
        if (d.classification() == null) {
            return List.of(Finding.failed(
                    d.id() + " has no classification",
                    "set classification: to public, internal, confidential or restricted in " + parsed.file()
                            + " (confidential or restricted when it holds personal data)",
                    parsed.locate("classification")));
        }
        return List.of();
    }
}
