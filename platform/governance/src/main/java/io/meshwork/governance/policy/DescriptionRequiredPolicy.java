package io.meshwork.governance.policy;

import java.util.List;

import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.schemas.governance.GovernanceAction;

/**
 * {@code description.required}: the descriptor describes the product in at least {@link
 * PolicySettings#descriptionMinLength()} characters.
 */
public final class DescriptionRequiredPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "description.required";

    public DescriptionRequiredPolicy() {
        super(
                ID,
                "Product has a description of its purpose, limitations and usage",
                "A consumer decides whether a product fits from its description; a missing or one-word description"
                        + " leads to misuse and to questions the owning team must answer one by one.",
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
        int min = settings.descriptionMinLength();
        String fix = "write description: in " + parsed.file()
                + " saying what the product contains, its limitations and how to use it (at least " + min
                + " characters)";
        if (d.description() == null || d.description().isBlank()) {
            return List.of(Finding.failed(d.id() + " has no description", fix, parsed.locate("description")));
        }
        int length = d.description().trim().length();
        if (length < min) {
            return List.of(Finding.failed(
                    "description of " + d.id() + " is " + length + " characters; the mesh requires at least " + min,
                    fix,
                    parsed.locate("description")));
        }
        return List.of();
    }
}
