package io.meshwork.governance.policy;

import java.util.EnumSet;
import java.util.Set;

import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.Policy;
import io.meshwork.schemas.governance.GovernanceAction;

/** The fixed description of a built-in policy: id, title, rationale, default severity and actions. */
abstract class PolicyDefinition implements Policy {
    static final String NO_DESCRIPTOR = "the action carries no dataproduct.yaml";

    private final String id;
    private final String title;
    private final String rationale;
    private final PolicySeverity defaultSeverity;
    private final Set<GovernanceAction> appliesTo;

    PolicyDefinition(
            String id,
            String title,
            String rationale,
            PolicySeverity defaultSeverity,
            GovernanceAction first,
            GovernanceAction... rest) {
        this.id = id;
        this.title = title;
        this.rationale = rationale;
        this.defaultSeverity = defaultSeverity;
        this.appliesTo = Set.copyOf(EnumSet.of(first, rest));
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String rationale() {
        return rationale;
    }

    @Override
    public final PolicySeverity defaultSeverity() {
        return defaultSeverity;
    }

    @Override
    public final Set<GovernanceAction> appliesTo() {
        return appliesTo;
    }

    @Override
    public String toString() {
        return id;
    }
}
