package io.meshwork.governance.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.schemas.governance.GovernanceAction;

/**
 * {@code governance.tighten-only}: the descriptor's {@code policies:} map only raises global severities and only names
 * known policies. A loosening entry has no effect (the global severity applies); this policy reports it.
 */
public final class DomainTighteningPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "governance.tighten-only";

    public DomainTighteningPolicy() {
        super(
                ID,
                "A descriptor's policies: entries only tighten known policies",
                "Global policies are the mesh's floor; a domain may hold itself to a higher standard, never a lower"
                        + " one, and an entry that silently does nothing misleads its readers.",
                PolicySeverity.WARNING,
                GovernanceAction.DECLARE,
                GovernanceAction.PUBLISH,
                GovernanceAction.REGISTER_SCHEMA,
                GovernanceAction.SUBSCRIBE,
                GovernanceAction.TRANSITION,
                GovernanceAction.CHECK);
    }

    @Override
    public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
        ParsedDescriptor parsed = input.descriptor();
        if (parsed == null) {
            return List.of(Finding.skipped(NO_DESCRIPTOR));
        }
        Map<String, PolicySeverity> policies = new TreeMap<>(parsed.descriptor().policies());
        if (policies.isEmpty()) {
            return List.of(Finding.skipped(parsed.file() + " tightens no policy"));
        }
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, PolicySeverity> entry : policies.entrySet()) {
            String id = entry.getKey();
            PolicySeverity domain = entry.getValue();
            String location = parsed.locate("policies." + id);
            Optional<PolicySeverity> global = settings.globalSeverity(id);
            if (global.isEmpty()) {
                findings.add(Finding.failed(
                        parsed.file() + " sets " + id + " to " + domain.yamlName()
                                + ", but there is no policy with that id; the entry has no effect",
                        "remove it"
                                + closest(id, settings)
                                        .map(c -> " or write " + c)
                                        .orElse("") + " (meshctl policies list shows every id)",
                        location));
            } else if (global.get().stricterThan(domain)) {
                String required = global.get().yamlName();
                findings.add(Finding.failed(
                        parsed.file() + " sets " + id + " to " + domain.yamlName() + " but the mesh requires "
                                + required + "; a domain may only tighten policies, so " + required + " applies",
                        "remove it or set " + required,
                        location));
            }
        }
        return findings;
    }

    private static Optional<String> closest(String id, PolicySettings settings) {
        return settings.knownPolicyIds().stream()
                .filter(known -> distance(known, id) <= 3)
                .min(Comparator.comparingInt((String known) -> distance(known, id))
                        .thenComparing(known -> known));
    }

    /** Levenshtein distance, for suggesting the id meant. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
