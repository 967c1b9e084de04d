package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.List;

import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.governance.SubscriptionInput;
import io.meshwork.schemas.governance.GovernanceAction;

/**
 * {@code subscription.purpose}: a subscription names the consumer's principal and states a purpose of at least {@value
 * #MIN_PURPOSE_LENGTH} characters.
 */
public final class SubscriptionPurposePolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "subscription.purpose";

    /** The fewest characters a purpose may have. */
    public static final int MIN_PURPOSE_LENGTH = 10;

    public SubscriptionPurposePolicy() {
        super(
                ID,
                "A subscription names its consumer and states its purpose",
                "Owners approve access and answer audits by who reads their data and why; an anonymous or"
                        + " purposeless grant cannot be reviewed.",
                PolicySeverity.BLOCKER,
                GovernanceAction.SUBSCRIBE);
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        SubscriptionInput request = input.subscription();
        if (request == null) {
            return List.of(Finding.skipped("the action carries no subscription request"));
        }
        List<Finding> findings = new ArrayList<>();
        String target = input.productId() + ".v" + request.major();
        if (request.consumerPrincipal() == null || request.consumerPrincipal().isBlank()) {
            findings.add(Finding.failed(
                    "the subscription to " + target + " names no consumer principal",
                    "subscribe as the principal that will read the topic (e.g. User:marketing-attribution)",
                    target));
        }
        String purpose = request.purpose() == null ? "" : request.purpose().trim();
        if (purpose.length() < MIN_PURPOSE_LENGTH) {
            findings.add(Finding.failed(
                    "the subscription to " + target + " states "
                            + (purpose.isEmpty() ? "no purpose" : "the purpose '" + purpose + "', which is too short")
                            + " (at least " + MIN_PURPOSE_LENGTH + " characters)",
                    "say what the data will be used for, e.g. 'attribute orders to marketing campaigns'",
                    target));
        }
        return findings;
    }
}
