package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.governance.ProductSubject;
import io.meshwork.schemas.governance.GovernanceAction;

/**
 * {@code lifecycle.retired}: a major version the catalog has {@code RETIRED} is not declared, published or given new
 * schemas again.
 */
public final class RetiredMajorPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "lifecycle.retired";

    /** The lifecycle status of a retired major version. */
    public static final String RETIRED = "RETIRED";

    public RetiredMajorPolicy() {
        super(
                ID,
                "A retired major version is not declared, published or given new schemas",
                "Consumers were told a retired version is gone and have moved on; reviving it would bring back a"
                        + " topic nobody reads or maintains.",
                PolicySeverity.BLOCKER,
                GovernanceAction.DECLARE,
                GovernanceAction.PUBLISH,
                GovernanceAction.REGISTER_SCHEMA,
                GovernanceAction.CHECK);
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        TreeSet<Integer> majors = new TreeSet<>();
        input.major().ifPresent(majors::add);
        if (input.descriptor() == null) {
            input.proposedSchemas().keySet().stream()
                    .map(ProductSubject::parse)
                    .flatMap(Optional::stream)
                    .forEach(s -> majors.add(s.major()));
        }
        if (input.productId() == null || majors.isEmpty()) {
            return List.of(Finding.skipped("no product major version is concerned"));
        }
        List<Finding> findings = new ArrayList<>();
        for (int major : majors) {
            boolean retired = input.facts()
                    .statusOfMajor(major)
                    .map(RETIRED::equalsIgnoreCase)
                    .orElse(false);
            if (retired) {
                int next = majors.last() + 1;
                findings.add(Finding.failed(
                        input.productId() + " v" + major + " is retired; a retired major version cannot be "
                                + verb(input.action()),
                        "ship the change as a major version that is not retired, e.g. version " + next
                                + ".0.0 on topic " + input.productId() + ".v" + next,
                        location(input)));
            }
        }
        return findings;
    }

    private static String verb(GovernanceAction action) {
        return switch (action) {
            case DECLARE -> "declared again";
            case REGISTER_SCHEMA -> "given new schemas";
            default -> "published";
        };
    }

    private static String location(PolicyInput input) {
        if (input.descriptor() != null) {
            return input.descriptor().locate("version");
        }
        return input.proposedSchemas().size() == 1
                ? input.proposedSchemas().keySet().iterator().next()
                : null;
    }
}
