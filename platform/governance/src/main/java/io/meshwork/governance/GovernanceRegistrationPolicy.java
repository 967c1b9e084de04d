package io.meshwork.governance;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.governance.policy.FieldDocumentationPolicy;
import io.meshwork.registry.CompatibilityChecker;
import io.meshwork.registry.RegistrationPolicy;
import io.meshwork.schemas.common.Actor;
import io.meshwork.schemas.common.ActorKind;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.governance.PolicyOutcome;
import io.meshwork.schemas.governance.PolicyResult;
import io.meshwork.schemas.governance.Severity;
import io.meshwork.schemas.governance.Verdict;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The governance engine inside schema registration, so that a schema breaking a mesh policy is refused even when a
 * plain Confluent client sends it.
 *
 * <ul>
 *   <li>A product subject ({@code <domain>.<name>.v<N>-value|-key}, see {@link ProductSubject}) is judged as a {@code
 *       REGISTER_SCHEMA} action with the catalog's facts and the subject's latest schema; every decision, allowed or
 *       not, goes to the decision sink for the audit trail; a denial is answered with error code {@value #ERROR_CODE}.
 *   <li>Any other subject (including the platform's own {@code mesh.*} and {@code _mesh.*}) is only checked by {@code
 *       docs.every-field}, at its global severity, and no decision is emitted.
 * </ul>
 */
public final class GovernanceRegistrationPolicy implements RegistrationPolicy {
    /** The error code answered when governance refuses a registration. */
    public static final int ERROR_CODE = 42291;

    /** The actor named in decisions when the registry does not say who registered. */
    public static final Actor UNKNOWN_CLIENT = new Actor("registry-client", ActorKind.UNKNOWN);

    static final int MAX_MESSAGE_LENGTH = 2000;
    private static final int TAIL_ROOM = 80;

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceRegistrationPolicy.class);

    private final GovernanceEngine engine;
    private final GovernanceEngine docsOnly;
    private final Function<String, ProductFacts> facts;
    private final Consumer<GovernanceDecision> decisions;
    private final Supplier<Actor> actor;
    private final Clock clock;

    /**
     * @param engine the governance engine
     * @param facts product id → what the catalog knows ({@link ProductFacts#NONE} or null for an unknown product)
     * @param decisions receives every decision on a product subject, e.g. to write it to {@code mesh.governance.v1}
     */
    public GovernanceRegistrationPolicy(
            GovernanceEngine engine, Function<String, ProductFacts> facts, Consumer<GovernanceDecision> decisions) {
        this(engine, facts, decisions, () -> UNKNOWN_CLIENT, Clock.systemUTC());
    }

    /**
     * @param engine the governance engine
     * @param facts product id → what the catalog knows ({@link ProductFacts#NONE} or null for an unknown product)
     * @param decisions receives every decision on a product subject
     * @param actor who is registering (e.g. from the HTTP request's principal)
     * @param clock the decisions' time
     */
    public GovernanceRegistrationPolicy(
            GovernanceEngine engine,
            Function<String, ProductFacts> facts,
            Consumer<GovernanceDecision> decisions,
            Supplier<Actor> actor,
            Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.facts = Objects.requireNonNull(facts, "facts");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.clock = Objects.requireNonNull(clock, "clock");
        List<Policy> docs = engine.policies().stream()
                .filter(p -> p.id().equals(FieldDocumentationPolicy.ID))
                .toList();
        this.docsOnly = new GovernanceEngine(
                docs, engine.settings().restrictedTo(Set.of(FieldDocumentationPolicy.ID)), engine.oracle());
    }

    /**
     * Judges a registration. A decision sink that throws makes this throw too: a registration whose decision cannot be
     * recorded is not accepted.
     */
    @Override
    public Optional<Violation> check(String subject, Schema candidate, List<CompatibilityChecker.Prior> priors) {
        CompatibilityChecker.Prior latest = priors.isEmpty() ? null : priors.get(priors.size() - 1);
        Schema latestSchema = latest == null ? null : latest.schema();
        Optional<ProductSubject> product = ProductSubject.parse(subject);
        if (product.isEmpty()) {
            PolicyInput input =
                    PolicyInput.registerSchema(null, subject, candidate, latestSchema, null, ProductFacts.NONE);
            List<PolicyResult> results = docsOnly.evaluate(input);
            return violation(results, GovernanceEngine.verdictOf(results));
        }
        ProductSubject s = product.get();
        ProductFacts known = lookUp(s.productId());
        ParsedDescriptor descriptor = known.descriptor(s.major()).orElse(null);
        PolicyInput input =
                PolicyInput.registerSchema(s.productId(), subject, candidate, latestSchema, descriptor, known);
        String seed = "REGISTER_SCHEMA|" + subject + "|" + (latest == null ? 0 : latest.version()) + "|" + candidate;
        Actor who = Objects.requireNonNullElse(actor.get(), UNKNOWN_CLIENT);
        GovernanceDecision decision =
                engine.decide(GovernanceEngine.deterministicDecisionId(seed), clock.millis(), who, input, false);
        decisions.accept(decision);
        return violation(decision.getResults(), decision.getVerdict());
    }

    private static Optional<Violation> violation(List<PolicyResult> results, Verdict verdict) {
        if (verdict != Verdict.DENIED) {
            return Optional.empty();
        }
        List<PolicyResult> blockers = results.stream()
                .filter(r -> r.getOutcome() == PolicyOutcome.FAILED && r.getSeverity() == Severity.BLOCKER)
                .toList();
        if (blockers.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Violation(blockers.get(0).getPolicyId(), ERROR_CODE, message(blockers)));
    }

    /** @return every failure with its fix, cut to fewer than {@value #MAX_MESSAGE_LENGTH} characters */
    static String message(List<PolicyResult> blockers) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < blockers.size(); i++) {
            PolicyResult r = blockers.get(i);
            boolean located = r.getLocation() != null && !r.getMessage().contains(r.getLocation());
            String part = (i == 0 ? "" : " | ") + "[" + r.getPolicyId() + "] " + r.getMessage()
                    + (located ? " (at " + r.getLocation() + ")" : "")
                    + (r.getFix() == null ? "" : ". Fix: " + r.getFix());
            if (s.length() + part.length() > MAX_MESSAGE_LENGTH - TAIL_ROOM) {
                int left = blockers.size() - i;
                if (i == 0) {
                    s.append(part, 0, MAX_MESSAGE_LENGTH - TAIL_ROOM).append('…');
                    left--;
                }
                if (left > 0) {
                    s.append(" | ... and ").append(left).append(" more; run meshctl check to see them all");
                }
                return s.toString();
            }
            s.append(part);
        }
        return s.toString();
    }

    private ProductFacts lookUp(String productId) {
        try {
            ProductFacts found = facts.apply(productId);
            return found == null ? ProductFacts.NONE : found;
        } catch (RuntimeException e) {
            LOG.warn("Could not read the catalog's facts about {}; judging it as an unknown product", productId, e);
            return ProductFacts.NONE;
        }
    }
}
