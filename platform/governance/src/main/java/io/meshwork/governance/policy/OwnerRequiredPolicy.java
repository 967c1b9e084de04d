package io.meshwork.governance.policy;

import java.util.List;
import java.util.regex.Pattern;

import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.schemas.governance.GovernanceAction;

/** {@code owner.required}: the descriptor names an owning team and a contact email. */
public final class OwnerRequiredPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "owner.required";

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    public OwnerRequiredPolicy() {
        super(
                ID,
                "Product names its owning team and a contact email",
                "Consumers, operators and incident responders need to know who answers for a product; a product"
                        + " without an owner cannot be supported, approved or retired responsibly.",
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
        ProductDescriptor.Owner owner = d.owner();
        if (owner == null) {
            return List.of(Finding.failed(
                    d.id() + " has no owner",
                    "add owner: {team: <your team>, email: <team address>} to " + parsed.file(),
                    parsed.locate("owner")));
        }
        if (owner.team() == null || owner.team().isBlank()) {
            return List.of(Finding.failed(
                    d.id() + " names no owning team",
                    "set owner.team: to the team that answers for the product in " + parsed.file(),
                    parsed.locate("owner.team")));
        }
        if (owner.email() == null || !EMAIL.matcher(owner.email().trim()).matches()) {
            return List.of(Finding.failed(
                    d.id() + " has no contact email for team '" + owner.team() + "'"
                            + (owner.email() == null || owner.email().isBlank()
                                    ? ""
                                    : " ('" + owner.email() + "' is not an email address)"),
                    "set owner.email: to the team's shared address (not a person's) in " + parsed.file(),
                    parsed.locate("owner.email")));
        }
        return List.of();
    }
}
