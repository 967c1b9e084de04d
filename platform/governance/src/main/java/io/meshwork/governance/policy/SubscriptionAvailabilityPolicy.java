package io.meshwork.governance.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.meshwork.descriptor.Deprecation;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.governance.SubscriptionInput;
import io.meshwork.schemas.governance.GovernanceAction;

/** {@code subscription.available}: the product exists and the major version subscribed to is ACTIVE or DEPRECATED. */
public final class SubscriptionAvailabilityPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "subscription.available";

    static final String ACTIVE = "ACTIVE";
    static final String DEPRECATED = "DEPRECATED";

    public SubscriptionAvailabilityPolicy() {
        super(
                ID,
                "The product exists and the major version subscribed to is active or deprecated",
                "Access to a draft, rejected or retired version would point a consumer at a topic that has no"
                        + " contract or no producer.",
                PolicySeverity.BLOCKER,
                GovernanceAction.SUBSCRIBE);
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        SubscriptionInput request = input.subscription();
        if (request == null) {
            return List.of(Finding.skipped("the action carries no subscription request"));
        }
        String id = input.productId();
        if (!input.facts().exists()) {
            return List.of(Finding.failed(
                    "there is no product '" + id + "' in the catalog",
                    "look the product up in the catalog (web UI, meshctl or the API) and subscribe with its exact id",
                    id));
        }
        Optional<String> status = input.facts().statusOfMajor(request.major()).map(s -> s.toUpperCase(Locale.ROOT));
        if (status.isEmpty()) {
            return List.of(Finding.failed(
                    id + " has no major version " + request.major(),
                    "subscribe to a major version of " + id + " that is active, as listed in the catalog",
                    id + ".v" + request.major()));
        }
        if (status.get().equals(ACTIVE) || status.get().equals(DEPRECATED)) {
            return List.of();
        }
        return List.of(Finding.failed(
                id + " v" + request.major() + " is " + status.get() + "; only active or deprecated versions can be"
                        + " subscribed to",
                successor(input)
                        .map(s -> "subscribe to " + s + " instead")
                        .orElse("subscribe to an active major version of " + id + ", or wait until v" + request.major()
                                + " is published"),
                id + ".v" + request.major()));
    }

    /** @return {@code <product> v<major>} named by the descriptor's deprecation, when it names one */
    static Optional<String> successor(PolicyInput input) {
        if (input.descriptor() == null) {
            return Optional.empty();
        }
        Deprecation deprecation = input.descriptor().descriptor().deprecation();
        if (deprecation == null || deprecation.successorProduct() == null) {
            return Optional.empty();
        }
        return Optional.of(deprecation.successorProduct() + " v" + deprecation.successorMajor());
    }
}
