package io.meshwork.governance.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.descriptor.SemanticVersion;
import io.meshwork.governance.Finding;
import io.meshwork.governance.PolicyInput;
import io.meshwork.governance.PolicySettings;
import io.meshwork.schemas.governance.GovernanceAction;

/**
 * {@code lifecycle.version-order}: the version published is greater than the active version of the same major (from
 * the catalog, else from the previous descriptor). Publishing the active version again unchanged is skipped, so a
 * dry run of an unchanged product passes.
 */
public final class VersionOrderPolicy extends PolicyDefinition {
    /** The policy's id. */
    public static final String ID = "lifecycle.version-order";

    public VersionOrderPolicy() {
        super(
                ID,
                "The version published is newer than the active version of its major",
                "Consumers and the catalog order versions by number; publishing an older or equal number would make"
                        + " 'latest' ambiguous and hide what changed.",
                PolicySeverity.BLOCKER,
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
        if (!SemanticVersion.isValid(d.version())) {
            return List.of(Finding.skipped("version '" + d.version() + "' is not MAJOR.MINOR.PATCH"));
        }
        SemanticVersion proposed = SemanticVersion.parse(d.version());
        Optional<String> active = input.facts().activeVersion(proposed.major());
        if (active.isEmpty() && input.previous() != null) {
            String previous = input.previous().descriptor().version();
            if (SemanticVersion.isValid(previous)
                    && SemanticVersion.parse(previous).major() == proposed.major()) {
                active = Optional.of(previous);
            }
        }
        if (active.isEmpty() || !SemanticVersion.isValid(active.get())) {
            return List.of(Finding.skipped("no version of " + d.id() + " v" + proposed.major() + " is active yet"));
        }
        SemanticVersion current = SemanticVersion.parse(active.get());
        if (proposed.compareTo(current) > 0) {
            return List.of();
        }
        if (proposed.equals(current) && unchanged(input)) {
            return List.of(Finding.skipped(d.id() + " " + d.version() + " is already the active version, unchanged"));
        }
        SemanticVersion next = new SemanticVersion(current.major(), current.minor() + 1, 0);
        return List.of(Finding.failed(
                d.id() + " " + proposed + " is not newer than the active version " + current,
                "set version: to " + next + " (or " + current.major() + "." + current.minor() + "."
                        + (current.patch() + 1) + " for a fix) in " + parsed.file(),
                parsed.locate("version")));
    }

    private static boolean unchanged(PolicyInput input) {
        return input.previous() != null
                && input.previous().descriptor().equals(input.descriptor().descriptor())
                && input.proposedSchemas().entrySet().stream()
                        .allMatch(e -> Objects.equals(input.previousSchemas().get(e.getKey()), e.getValue()));
    }
}
