package io.meshwork.governance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.policy.BuiltInPolicies;
import io.meshwork.governance.policy.FieldDocumentationPolicy;
import io.meshwork.schemas.governance.ChangeClassification;
import io.meshwork.schemas.governance.GovernanceAction;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.governance.PolicyOutcome;
import io.meshwork.schemas.governance.PolicyResult;
import io.meshwork.schemas.governance.SchemaChange;
import io.meshwork.schemas.governance.Severity;
import io.meshwork.schemas.governance.Verdict;
import org.junit.jupiter.api.Test;

import static io.meshwork.governance.ProductFixture.DOMAIN;
import static io.meshwork.governance.ProductFixture.ORDER_V1;
import static io.meshwork.governance.ProductFixture.ORDER_V1_UNDOCUMENTED_EMAIL;
import static io.meshwork.governance.ProductFixture.ORDER_V1_WITH_COUPON;
import static io.meshwork.governance.ProductFixture.SUBJECT;
import static io.meshwork.governance.ProductFixture.product;
import static io.meshwork.governance.ProductFixture.schemas;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GovernanceEngineTest {
    private static final GovernanceEngine ENGINE =
            GovernanceEngine.withBuiltIns(PolicySettings.defaults(), CompatibilityOracle.NONE);

    private static GovernanceDecision decide(GovernanceEngine engine, PolicyInput input) {
        return engine.decide("3f1c2b9e-8d1a-4c55-9b0e-2f6a7c1d4e88", 1_700_000_000_000L, DOMAIN, input, false);
    }

    private static List<PolicyResult> resultsOf(GovernanceDecision decision, String policyId) {
        return decision.getResults().stream()
                .filter(r -> r.getPolicyId().equals(policyId))
                .toList();
    }

    @Test
    void shouldAllowACleanDeclarationAndReportEveryApplicablePolicyInOrder() {
        GovernanceDecision decision =
                decide(ENGINE, PolicyInput.declare(product().parsed(), schemas(ORDER_V1), ProductFacts.NONE));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(decision.getResults()).noneMatch(r -> r.getOutcome() == PolicyOutcome.FAILED);
        List<String> expectedOrder = BuiltInPolicies.ids().stream()
                .filter(id -> ENGINE.policies().stream()
                        .anyMatch(p -> p.id().equals(id) && p.appliesTo().contains(GovernanceAction.DECLARE)))
                .toList();
        assertThat(decision.getResults())
                .extracting(PolicyResult::getPolicyId)
                .containsExactlyElementsOf(expectedOrder);
        assertThat(resultsOf(decision, "naming.product-id").get(0))
                .satisfies(r -> assertThat(r.getOutcome()).isEqualTo(PolicyOutcome.PASSED))
                .satisfies(r -> assertThat(r.getSeverity()).isEqualTo(Severity.BLOCKER))
                .satisfies(r -> assertThat(r.getMessage()).isNotBlank());
        assertThat(decision.getProductId()).isEqualTo("sales.orders");
        assertThat(decision.getVersion()).isEqualTo("1.2.0");
        assertThat(decision.getSubject()).isEqualTo(SUBJECT);
        assertThat(decision.getAction()).isEqualTo(GovernanceAction.DECLARE);
        assertThat(decision.getActor()).isEqualTo(DOMAIN);
        assertThat(decision.getTime().toEpochMilli()).isEqualTo(1_700_000_000_000L);
        assertThat(decision.getDryRun()).isFalse();
    }

    @Test
    void shouldRunOnlyThePoliciesThatApplyToTheAction() {
        GovernanceDecision decision = decide(
                ENGINE,
                PolicyInput.subscribe(
                        "sales.orders",
                        new SubscriptionInput("User:marketing", null, 1, "attribute orders to campaigns"),
                        null,
                        ProductFixture.activeV1("1.2.0")));

        assertThat(decision.getResults())
                .extracting(PolicyResult::getPolicyId)
                .containsExactly(
                        "subscription.available",
                        "subscription.deprecated",
                        "subscription.purpose",
                        "governance.tighten-only");
        assertThat(decision.getVersion()).isNull();
        assertThat(decision.getSubject()).isNull();
    }

    @Test
    void shouldDenyWhenABlockerFails() {
        GovernanceDecision decision = decide(
                ENGINE, PolicyInput.declare(product().owner(null).parsed(), schemas(ORDER_V1), ProductFacts.NONE));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.DENIED);
        assertThat(resultsOf(decision, "owner.required")).singleElement().satisfies(r -> {
            assertThat(r.getOutcome()).isEqualTo(PolicyOutcome.FAILED);
            assertThat(r.getSeverity()).isEqualTo(Severity.BLOCKER);
            assertThat(r.getMessage()).contains("sales.orders").contains("no owner");
            assertThat(r.getFix()).contains("owner:");
            assertThat(r.getLocation()).isEqualTo("dataproduct.yaml:6#owner");
        });
    }

    @Test
    void shouldAllowWithWarningsWhenOnlyAWarningFails() {
        GovernanceDecision decision = decide(
                ENGINE,
                PolicyInput.declare(product().parsed(), schemas(ORDER_V1_UNDOCUMENTED_EMAIL), ProductFacts.NONE));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.ALLOWED_WITH_WARNINGS);
        assertThat(resultsOf(decision, "docs.every-field")).singleElement().satisfies(r -> {
            assertThat(r.getSeverity()).isEqualTo(Severity.WARNING);
            assertThat(r.getLocation()).isEqualTo(SUBJECT + "#customer.email");
        });
    }

    @Test
    void shouldNotLetAFailedInfoPolicyAffectTheVerdict() {
        GovernanceEngine engine = GovernanceEngine.withBuiltIns(
                PolicySettings.defaults().withSeverity(FieldDocumentationPolicy.ID, PolicySeverity.INFO),
                CompatibilityOracle.NONE);

        GovernanceDecision decision = decide(
                engine,
                PolicyInput.declare(product().parsed(), schemas(ORDER_V1_UNDOCUMENTED_EMAIL), ProductFacts.NONE));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(resultsOf(decision, "docs.every-field"))
                .singleElement()
                .satisfies(r -> assertThat(r.getSeverity()).isEqualTo(Severity.INFO))
                .satisfies(r -> assertThat(r.getOutcome()).isEqualTo(PolicyOutcome.FAILED));
    }

    @Test
    void shouldApplyAGlobalSeverityOverride() {
        GovernanceEngine engine = GovernanceEngine.withBuiltIns(
                PolicySettings.defaults().withSeverity(FieldDocumentationPolicy.ID, PolicySeverity.BLOCKER),
                CompatibilityOracle.NONE);

        GovernanceDecision decision = decide(
                engine,
                PolicyInput.declare(product().parsed(), schemas(ORDER_V1_UNDOCUMENTED_EMAIL), ProductFacts.NONE));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.DENIED);
        assertThat(resultsOf(decision, "docs.every-field").get(0).getSeverity()).isEqualTo(Severity.BLOCKER);
    }

    @Test
    void shouldRaiseASeverityWhenTheDomainTightensIt() {
        GovernanceDecision decision = decide(
                ENGINE,
                PolicyInput.declare(
                        product()
                                .policy("docs.every-field", PolicySeverity.BLOCKER)
                                .parsed(),
                        schemas(ORDER_V1_UNDOCUMENTED_EMAIL),
                        ProductFacts.NONE));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.DENIED);
        assertThat(resultsOf(decision, "docs.every-field").get(0).getSeverity()).isEqualTo(Severity.BLOCKER);
        assertThat(resultsOf(decision, "governance.tighten-only"))
                .singleElement()
                .satisfies(r -> assertThat(r.getOutcome()).isEqualTo(PolicyOutcome.PASSED));
    }

    @Test
    void shouldRefuseLooseningAndKeepTheGlobalSeverity() {
        GovernanceEngine engine = GovernanceEngine.withBuiltIns(
                PolicySettings.defaults().withSeverity(FieldDocumentationPolicy.ID, PolicySeverity.BLOCKER),
                CompatibilityOracle.NONE);

        GovernanceDecision decision = decide(
                engine,
                PolicyInput.declare(
                        product()
                                .policy("docs.every-field", PolicySeverity.WARNING)
                                .parsed(),
                        schemas(ORDER_V1_UNDOCUMENTED_EMAIL),
                        ProductFacts.NONE));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.DENIED);
        assertThat(resultsOf(decision, "docs.every-field").get(0).getSeverity()).isEqualTo(Severity.BLOCKER);
        assertThat(resultsOf(decision, "governance.tighten-only"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getOutcome()).isEqualTo(PolicyOutcome.FAILED);
                    assertThat(r.getSeverity()).isEqualTo(Severity.WARNING);
                    assertThat(r.getMessage())
                            .isEqualTo("dataproduct.yaml sets docs.every-field to warning but the mesh requires"
                                    + " blocker; a domain may only tighten policies, so blocker applies");
                    assertThat(r.getFix()).isEqualTo("remove it or set blocker");
                    assertThat(r.getLocation()).isEqualTo("dataproduct.yaml:21#policies.docs.every-field");
                });
    }

    @Test
    void shouldRefuseTurningOffABlockerFromTheDescriptor() {
        GovernanceDecision decision = decide(
                ENGINE,
                PolicyInput.declare(
                        product()
                                .owner(null)
                                .policy("owner.required", PolicySeverity.OFF)
                                .parsed(),
                        schemas(ORDER_V1),
                        ProductFacts.NONE));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.DENIED);
        assertThat(resultsOf(decision, "owner.required").get(0).getOutcome()).isEqualTo(PolicyOutcome.FAILED);
        assertThat(resultsOf(decision, "governance.tighten-only").get(0).getMessage())
                .contains("sets owner.required to off but the mesh requires blocker");
    }

    @Test
    void shouldReportAnUnknownPolicyIdInTheDescriptorWithASuggestion() {
        GovernanceDecision decision = decide(
                ENGINE,
                PolicyInput.declare(
                        product()
                                .policy("docs.every-feld", PolicySeverity.BLOCKER)
                                .parsed(),
                        schemas(ORDER_V1),
                        ProductFacts.NONE));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.ALLOWED_WITH_WARNINGS);
        assertThat(resultsOf(decision, "governance.tighten-only"))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getMessage()).contains("docs.every-feld").contains("no policy with that id");
                    assertThat(r.getFix()).contains("remove it").contains("docs.every-field");
                });
    }

    @Test
    void shouldSkipAPolicyTurnedOffWithoutRunningIt() {
        AtomicInteger runs = new AtomicInteger();
        Policy counting = new FixedPolicy("test.counting", PolicySeverity.BLOCKER, (input, settings) -> {
            runs.incrementAndGet();
            return List.of(Finding.failed("always fails", "nothing", null));
        });
        GovernanceEngine engine = new GovernanceEngine(
                List.of(counting),
                PolicySettings.defaults().withSeverity("test.counting", PolicySeverity.OFF),
                CompatibilityOracle.NONE);

        GovernanceDecision decision =
                decide(engine, PolicyInput.declare(product().parsed(), Map.of(), null));

        assertThat(runs).hasValue(0);
        assertThat(decision.getVerdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(decision.getResults()).singleElement().satisfies(r -> {
            assertThat(r.getOutcome()).isEqualTo(PolicyOutcome.SKIPPED);
            assertThat(r.getMessage()).isEqualTo("turned off by configuration");
        });
    }

    @Test
    void shouldLetADomainTurnOnAPolicyTheMeshTurnedOff() {
        GovernanceEngine engine = GovernanceEngine.withBuiltIns(
                PolicySettings.defaults().withSeverity(FieldDocumentationPolicy.ID, PolicySeverity.OFF),
                CompatibilityOracle.NONE);

        GovernanceDecision decision = decide(
                engine,
                PolicyInput.declare(
                        product()
                                .policy("docs.every-field", PolicySeverity.WARNING)
                                .parsed(),
                        schemas(ORDER_V1_UNDOCUMENTED_EMAIL),
                        ProductFacts.NONE));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.ALLOWED_WITH_WARNINGS);
        assertThat(resultsOf(decision, "docs.every-field").get(0).getOutcome()).isEqualTo(PolicyOutcome.FAILED);
    }

    @Test
    void shouldSurviveAThrowingPolicyAsAFailedBlocker() {
        Policy broken = new FixedPolicy("test.broken", PolicySeverity.WARNING, (input, settings) -> {
            throw new IllegalStateException("catalog unreachable");
        });
        Policy fine = new FixedPolicy("test.fine", PolicySeverity.BLOCKER, (input, settings) -> List.of());
        GovernanceEngine engine =
                new GovernanceEngine(List.of(broken, fine), PolicySettings.defaults(), CompatibilityOracle.NONE);

        GovernanceDecision decision =
                decide(engine, PolicyInput.declare(product().parsed(), Map.of(), null));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.DENIED);
        assertThat(decision.getResults()).hasSize(2);
        assertThat(decision.getResults().get(0)).satisfies(r -> {
            assertThat(r.getPolicyId()).isEqualTo("test.broken");
            assertThat(r.getOutcome()).isEqualTo(PolicyOutcome.FAILED);
            assertThat(r.getSeverity()).isEqualTo(Severity.BLOCKER);
            assertThat(r.getMessage()).isEqualTo("policy test.broken failed to run: catalog unreachable");
        });
        assertThat(decision.getResults().get(1).getOutcome()).isEqualTo(PolicyOutcome.PASSED);
    }

    @Test
    void shouldComputeTheVerdictFromFailuresBySeverity() {
        PolicyResult passedBlocker = result(Severity.BLOCKER, PolicyOutcome.PASSED);
        PolicyResult skippedBlocker = result(Severity.BLOCKER, PolicyOutcome.SKIPPED);
        PolicyResult failedInfo = result(Severity.INFO, PolicyOutcome.FAILED);
        PolicyResult failedWarning = result(Severity.WARNING, PolicyOutcome.FAILED);
        PolicyResult failedBlocker = result(Severity.BLOCKER, PolicyOutcome.FAILED);

        assertThat(GovernanceEngine.verdictOf(List.of())).isEqualTo(Verdict.ALLOWED);
        assertThat(GovernanceEngine.verdictOf(List.of(passedBlocker, skippedBlocker, failedInfo)))
                .isEqualTo(Verdict.ALLOWED);
        assertThat(GovernanceEngine.verdictOf(List.of(passedBlocker, failedWarning, failedInfo)))
                .isEqualTo(Verdict.ALLOWED_WITH_WARNINGS);
        assertThat(GovernanceEngine.verdictOf(List.of(failedWarning, failedBlocker)))
                .isEqualTo(Verdict.DENIED);
    }

    @Test
    void shouldListSchemaChangesPerSubjectSortedByPath() {
        GovernanceDecision decision = decide(
                ENGINE,
                PolicyInput.publish(
                        product().version("1.3.0").parsed(),
                        schemas(ORDER_V1_WITH_COUPON),
                        product().parsed(),
                        schemas(ORDER_V1),
                        ProductFixture.activeV1("1.2.0")));

        assertThat(decision.getVerdict()).isEqualTo(Verdict.ALLOWED);
        assertThat(decision.getVersion()).isEqualTo("1.3.0");
        assertThat(decision.getChanges()).isNotEmpty();
        assertThat(decision.getChanges()).extracting(SchemaChange::getPath).isSorted();
        assertThat(decision.getChanges())
                .anySatisfy(c -> assertThat(c.getPath()).isEqualTo("coupon"))
                .noneMatch(c -> c.getClassification() == ChangeClassification.BREAKING);
    }

    @Test
    void shouldMarkADryRun() {
        GovernanceDecision decision = ENGINE.decide(
                "id",
                0L,
                DOMAIN,
                PolicyInput.check(product().parsed(), schemas(ORDER_V1), null, Map.of(), ProductFacts.NONE),
                true);

        assertThat(decision.getDryRun()).isTrue();
        assertThat(decision.getAction()).isEqualTo(GovernanceAction.CHECK);
    }

    @Test
    void shouldDeriveTheSameDecisionIdFromTheSameSeed() {
        String first = GovernanceEngine.deterministicDecisionId("lifecycle-event-42");

        assertThat(GovernanceEngine.deterministicDecisionId("lifecycle-event-42"))
                .isEqualTo(first);
        assertThat(GovernanceEngine.deterministicDecisionId("lifecycle-event-43"))
                .isNotEqualTo(first);
        assertThat(first).hasSize(36).matches("[0-9a-f-]{36}");
    }

    @Test
    void shouldRefuseASeverityOverrideForAPolicyItDoesNotRun() {
        assertThatThrownBy(() -> new GovernanceEngine(
                        List.of(),
                        PolicySettings.defaults().withSeverity("docs.every-field", PolicySeverity.BLOCKER),
                        CompatibilityOracle.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docs.every-field");
    }

    @Test
    void shouldRefuseTwoPoliciesWithTheSameId() {
        Policy a = new FixedPolicy("test.same", PolicySeverity.INFO, (input, settings) -> List.of());
        Policy b = new FixedPolicy("test.same", PolicySeverity.INFO, (input, settings) -> List.of());

        assertThatThrownBy(
                        () -> new GovernanceEngine(List.of(a, b), PolicySettings.defaults(), CompatibilityOracle.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.same");
    }

    private static PolicyResult result(Severity severity, PolicyOutcome outcome) {
        return PolicyResult.newBuilder()
                .setPolicyId("p")
                .setSeverity(severity)
                .setOutcome(outcome)
                .setMessage("m")
                .build();
    }

    /** A policy for engine tests, judging every action with a function. */
    private record FixedPolicy(String id, PolicySeverity defaultSeverity, Evaluation evaluation) implements Policy {
        @Override
        public String title() {
            return "test policy " + id;
        }

        @Override
        public String rationale() {
            return "for tests";
        }

        @Override
        public Set<GovernanceAction> appliesTo() {
            return Set.of(GovernanceAction.DECLARE);
        }

        @Override
        public List<Finding> evaluate(PolicyInput input, PolicySettings settings) {
            return evaluation.evaluate(input, settings);
        }
    }

    @FunctionalInterface
    private interface Evaluation {
        List<Finding> evaluate(PolicyInput input, PolicySettings settings);
    }
}
