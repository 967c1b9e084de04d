package io.meshwork.governance.policy;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.meshwork.governance.CompatibilityOracle;
import io.meshwork.governance.Policy;

/** The policies every mesh runs, in the order the engine runs and reports them. */
public final class BuiltInPolicies {
    private static final Set<String> IDS;

    static {
        Set<String> ids = new LinkedHashSet<>();
        create(CompatibilityOracle.NONE).forEach(p -> ids.add(p.id()));
        IDS = Collections.unmodifiableSet(ids);
    }

    private BuiltInPolicies() {}

    /**
     * @param oracle the registry's compatibility answer, for {@code schema.compatibility}
     * @return a new instance of every built-in policy, in evaluation order
     */
    public static List<Policy> create(CompatibilityOracle oracle) {
        return List.of(
                new ProductIdNamingPolicy(),
                new TopicNamingPolicy(),
                new OwnerRequiredPolicy(),
                new DescriptionRequiredPolicy(),
                new ClassificationRequiredPolicy(),
                new TopicBoundsPolicy(),
                new RetiredMajorPolicy(),
                new VersionOrderPolicy(),
                new SchemaCompatibilityPolicy(oracle),
                new BreakingChangePolicy(),
                new FieldDocumentationPolicy(),
                new FieldTagsPolicy(),
                new PiiTaggingPolicy(),
                new PiiClassificationPolicy(),
                new SubscriptionAvailabilityPolicy(),
                new DeprecatedSubscriptionPolicy(),
                new SubscriptionPurposePolicy(),
                new DomainTighteningPolicy());
    }

    /** @return the ids of the built-in policies, in evaluation order */
    public static Set<String> ids() {
        return IDS;
    }
}
