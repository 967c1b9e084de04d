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

/**
 * {@code subscription.deprecated}: warns a consumer subscribing to a deprecated major version, with the sunset date and
 * the successor when the descriptor names them.
 */
public final class DeprecatedSubscriptionPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "subscription.deprecated";

    public DeprecatedSubscriptionPolicy() {
        super(
                ID,
                "The major version subscribed to is not deprecated",
                "A new consumer of a deprecated version will have to migrate again soon; telling it at subscription"
                        + " time is cheaper than after the sunset.",
                PolicySeverity.WARNING,
                GovernanceAction.SUBSCRIBE);
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        SubscriptionInput request = input.subscription();
        if (request == null) {
            return List.of(Finding.skipped("the action carries no subscription request"));
        }
        Optional<String> status = input.facts().statusOfMajor(request.major());
        if (status.isEmpty()) {
            return List.of(Finding.skipped(input.productId() + " v" + request.major() + " is not in the catalog"));
        }
        if (!status.get().toUpperCase(Locale.ROOT).equals(SubscriptionAvailabilityPolicy.DEPRECATED)) {
            return List.of();
        }
        Deprecation deprecation = input.descriptor() == null
                ? null
                : input.descriptor().descriptor().deprecation();
        StringBuilder message = new StringBuilder(input.productId() + " v" + request.major() + " is deprecated");
        if (deprecation != null && deprecation.sunset() != null) {
            message.append(" and may be retired after ").append(deprecation.sunset());
        }
        Optional<String> successor = SubscriptionAvailabilityPolicy.successor(input);
        successor.ifPresent(s -> message.append("; its successor is ").append(s));
        if (deprecation != null
                && deprecation.reason() != null
                && !deprecation.reason().isBlank()) {
            message.append(" (").append(deprecation.reason().trim()).append(')');
        }
        return List.of(Finding.failed(
                message.toString(),
                successor
                        .map(s -> "subscribe to " + s + " instead")
                        .orElse("plan to move off " + input.productId() + " v" + request.major()
                                + " before its sunset; ask the owning team for the successor"),
                input.productId() + ".v" + request.major()));
    }
}
