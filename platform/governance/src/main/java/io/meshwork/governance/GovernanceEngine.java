package io.meshwork.governance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.changelog.SchemaChangelog;
import io.meshwork.governance.policy.BuiltInPolicies;
import io.meshwork.schemas.common.Actor;
import io.meshwork.schemas.governance.GovernanceAction;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.governance.PolicyOutcome;
import io.meshwork.schemas.governance.PolicyResult;
import io.meshwork.schemas.governance.SchemaChange;
import io.meshwork.schemas.governance.Severity;
import io.meshwork.schemas.governance.Verdict;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges actions on data products: runs every policy that applies to the action, in a fixed order, at its effective
 * severity, and turns the findings into a {@link GovernanceDecision} (the record written to {@code
 * mesh.governance.v1}).
 *
 * <p>The effective severity of a policy is the global one ({@link PolicySettings#globalSeverity(Policy)}), raised — never
 * lowered — by the descriptor's {@code policies:} map. A policy at {@link PolicySeverity#OFF} is not run and is reported
 * as skipped, so the audit trail lists every policy. A policy that throws does not break the decision: it is reported
 * as a failed blocker.
 *
 * <p>Thread-safe; one engine serves every request.
 */
public final class GovernanceEngine {
    private static final Logger LOG = LoggerFactory.getLogger(GovernanceEngine.class);

    private final List<Policy> policies;
    private final PolicySettings settings;
    private final PolicySettings view;
    private final CompatibilityOracle oracle;

    /**
     * @param policies the policies, in the order they run and are reported; ids must be unique
     * @param settings the global configuration; severity overrides may only name these policies
     * @param oracle the registry's compatibility answer, as given to the policies that need it
     * @throws IllegalArgumentException on a duplicate policy id or an override of an unknown policy
     */
    public GovernanceEngine(List<Policy> policies, PolicySettings settings, CompatibilityOracle oracle) {
        this.policies = List.copyOf(policies);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.oracle = Objects.requireNonNull(oracle, "oracle");
        Set<String> ids = new HashSet<>();
        for (Policy policy : this.policies) {
            if (!ids.add(policy.id())) {
                throw new IllegalArgumentException("two policies have the id '" + policy.id() + "'; ids are unique");
            }
        }
        for (String id : settings.severityOverrides().keySet()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("the governance configuration sets a severity for '" + id
                        + "', which is not a policy of this engine; remove it or use one of " + new TreeSet<>(ids));
            }
        }
        this.view = settings.forPolicies(this.policies);
    }

    /**
     * @param settings the global configuration
     * @param oracle the registry's compatibility answer
     * @return an engine running every built-in policy ({@link BuiltInPolicies#create})
     */
    public static GovernanceEngine withBuiltIns(PolicySettings settings, CompatibilityOracle oracle) {
        return new GovernanceEngine(BuiltInPolicies.create(oracle), settings, oracle);
    }

    /** @return the policies, in the order they run */
    public List<Policy> policies() {
        return policies;
    }

    /** @return the global configuration */
    public PolicySettings settings() {
        return settings;
    }

    /** @return the compatibility oracle the engine was built with */
    public CompatibilityOracle oracle() {
        return oracle;
    }

    /**
     * @param policy one of this engine's policies
     * @param descriptor the descriptor of the action, or null
     * @return the global severity, raised to the descriptor's {@code policies:} entry for it when that is stricter
     */
    public PolicySeverity effectiveSeverity(Policy policy, ParsedDescriptor descriptor) {
        PolicySeverity global = settings.globalSeverity(policy);
        if (descriptor == null) {
            return global;
        }
        PolicySeverity domain = descriptor.descriptor().policies().get(policy.id());
        return domain != null && domain.stricterThan(global) ? domain : global;
    }

    /**
     * Judges one action.
     *
     * @param decisionId the decision's id, a UUID (see {@link #deterministicDecisionId})
     * @param timeMillis when, in milliseconds since the epoch
     * @param actor who asked for the action
     * @param input what is judged
     * @param dryRun true when nothing will be changed whatever the verdict ({@code meshctl check})
     * @return the decision, with one result per finding (or per passing policy) in policy order
     */
    public GovernanceDecision decide(
            String decisionId, long timeMillis, Actor actor, PolicyInput input, boolean dryRun) {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(input, "input");
        List<PolicyResult> results = evaluate(input);
        var descriptor = input.descriptor();
        String version = descriptor == null || input.action() == GovernanceAction.SUBSCRIBE
                ? null
                : descriptor.descriptor().version();
        String subject = input.proposedSchemas().size() == 1
                ? input.proposedSchemas().keySet().iterator().next()
                : null;
        return GovernanceDecision.newBuilder()
                .setDecisionId(decisionId)
                .setTime(Instant.ofEpochMilli(timeMillis))
                .setActor(actor)
                .setProductId(input.productId() == null ? "" : input.productId())
                .setVersion(version)
                .setAction(input.action())
                .setSubject(subject)
                .setVerdict(verdictOf(results))
                .setResults(results)
                .setChanges(changes(input))
                .setDryRun(dryRun)
                .build();
    }

    /**
     * Runs the policies that apply to the input's action.
     *
     * @param input what is judged
     * @return the policy results, in policy order
     */
    public List<PolicyResult> evaluate(PolicyInput input) {
        List<PolicyResult> results = new ArrayList<>();
        for (Policy policy : policies) {
            if (policy.appliesTo().contains(input.action())) {
                run(policy, input, results);
            }
        }
        return results;
    }

    /**
     * @param results policy results
     * @return {@link Verdict#DENIED} when a blocker failed, {@link Verdict#ALLOWED_WITH_WARNINGS} when a warning failed,
     *     else {@link Verdict#ALLOWED}
     */
    public static Verdict verdictOf(List<PolicyResult> results) {
        boolean warned = false;
        for (PolicyResult result : results) {
            if (result.getOutcome() != PolicyOutcome.FAILED) {
                continue;
            }
            if (result.getSeverity() == Severity.BLOCKER || result.getSeverity() == Severity.UNKNOWN) {
                return Verdict.DENIED;
            }
            warned |= result.getSeverity() == Severity.WARNING;
        }
        return warned ? Verdict.ALLOWED_WITH_WARNINGS : Verdict.ALLOWED;
    }

    /**
     * @param seed what identifies the request, e.g. the lifecycle event id it answers
     * @return a name-based (version 3) UUID of the seed, so that a replayed request yields the same decision id
     */
    public static String deterministicDecisionId(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void run(Policy policy, PolicyInput input, List<PolicyResult> results) {
        PolicySeverity severity = effectiveSeverity(policy, input.descriptor());
        if (severity == PolicySeverity.OFF) {
            // OFF has no Avro severity; INFO never affects the verdict, and the outcome says it did not run.
            results.add(result(
                    policy.id(), Severity.INFO, PolicyOutcome.SKIPPED, "turned off by configuration", null, null));
            return;
        }
        Severity level = Severity.valueOf(severity.name());
        List<Finding> findings;
        try {
            findings = Objects.requireNonNull(policy.evaluate(input, view), "the policy returned null");
        } catch (RuntimeException | LinkageError e) {
            LOG.error(
                    "Governance policy {} failed to run on {} of {}",
                    policy.id(),
                    input.action(),
                    input.productId(),
                    e);
            results.add(result(
                    policy.id(),
                    Severity.BLOCKER,
                    PolicyOutcome.FAILED,
                    "policy " + policy.id() + " failed to run: " + reason(e),
                    "retry; if it fails again, report it to the platform operators with this decision's id",
                    null));
            return;
        }
        if (findings.isEmpty()) {
            results.add(result(policy.id(), level, PolicyOutcome.PASSED, policy.title(), null, null));
            return;
        }
        for (Finding finding : findings) {
            results.add(result(
                    policy.id(), level, finding.outcome(), finding.message(), finding.fix(), finding.location()));
        }
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }

    private static PolicyResult result(
            String policyId, Severity severity, PolicyOutcome outcome, String message, String fix, String location) {
        return PolicyResult.newBuilder()
                .setPolicyId(policyId)
                .setSeverity(severity)
                .setOutcome(outcome)
                .setMessage(message)
                .setFix(fix)
                .setLocation(location)
                .build();
    }

    private static List<SchemaChange> changes(PolicyInput input) {
        List<SchemaChange> all = new ArrayList<>();
        for (Map.Entry<String, Schema> proposed : input.proposedSchemas().entrySet()) {
            Schema previous = input.previousSchemas().get(proposed.getKey());
            if (previous == null) {
                continue;
            }
            try {
                List<SchemaChange> changes = new ArrayList<>(SchemaChangelog.between(
                        previous, proposed.getValue(), input.compatibilityFor(proposed.getKey())));
                changes.sort(Comparator.comparing(SchemaChange::getPath));
                all.addAll(changes);
            } catch (RuntimeException e) {
                LOG.warn(
                        "Could not list the schema changes of {}; the decision carries none for it",
                        proposed.getKey(),
                        e);
            }
        }
        return all;
    }
}
