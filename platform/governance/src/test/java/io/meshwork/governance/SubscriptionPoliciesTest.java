package io.meshwork.governance;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.meshwork.descriptor.Deprecation;
import io.meshwork.governance.policy.DeprecatedSubscriptionPolicy;
import io.meshwork.governance.policy.SubscriptionAvailabilityPolicy;
import io.meshwork.governance.policy.SubscriptionPurposePolicy;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.governance.PolicyOutcome;
import io.meshwork.schemas.governance.Verdict;
import org.junit.jupiter.api.Test;

import static io.meshwork.governance.ProductFixture.product;
import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionPoliciesTest {
    private static final PolicySettings SETTINGS = PolicySettings.defaults();
    private static final SubscriptionInput TO_V1 = new SubscriptionInput(
            "User:marketing-attribution", "marketing.attribution", 1, "attribute orders to campaigns");
    private static final ProductFacts V1_DEPRECATED =
            ProductFacts.of(Map.of(1, "DEPRECATED", 2, "ACTIVE"), Map.of(1, "1.9.0", 2, "2.0.0"), "internal");
    private static final Deprecation TO_V2 =
            new Deprecation("sales.orders", 2, LocalDate.of(2027, 3, 31), "amount became a decimal");

    private static PolicyInput subscribe(SubscriptionInput request, ProductFacts facts) {
        return PolicyInput.subscribe(
                "sales.orders", request, product().deprecation(TO_V2).parsed(), facts);
    }

    @Test
    void shouldAllowSubscribingToAnActiveMajorVersion() {
        PolicyInput input = subscribe(TO_V1, ProductFixture.activeV1("1.2.0"));

        assertThat(new SubscriptionAvailabilityPolicy().evaluate(input, SETTINGS))
                .isEmpty();
        assertThat(new DeprecatedSubscriptionPolicy().evaluate(input, SETTINGS)).isEmpty();
        assertThat(new SubscriptionPurposePolicy().evaluate(input, SETTINGS)).isEmpty();
    }

    @Test
    void shouldRejectSubscribingToAnUnknownProduct() {
        PolicyInput input = PolicyInput.subscribe("sales.ordres", TO_V1, null, ProductFacts.NONE);

        assertThat(new SubscriptionAvailabilityPolicy().evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).isEqualTo("there is no product 'sales.ordres' in the catalog");
                    assertThat(f.fix()).contains("subscribe with its exact id");
                });
    }

    @Test
    void shouldRejectSubscribingToAMajorVersionThatIsNotAvailable() {
        ProductFacts facts = ProductFacts.of(Map.of(1, "RETIRED", 2, "DRAFT"), Map.of(), "internal");
        SubscriptionAvailabilityPolicy policy = new SubscriptionAvailabilityPolicy();

        assertThat(policy.evaluate(subscribe(TO_V1, facts), SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).startsWith("sales.orders v1 is RETIRED");
                    assertThat(f.fix()).isEqualTo("subscribe to sales.orders v2 instead");
                    assertThat(f.location()).isEqualTo("sales.orders.v1");
                });
        assertThat(policy.evaluate(
                        subscribe(new SubscriptionInput("User:x", null, 3, "a purpose here"), facts), SETTINGS))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("sales.orders has no major version 3"));
    }

    @Test
    void shouldWarnWhenSubscribingToADeprecatedMajorVersion() {
        PolicyInput input = subscribe(TO_V1, V1_DEPRECATED);

        assertThat(new SubscriptionAvailabilityPolicy().evaluate(input, SETTINGS))
                .isEmpty();
        assertThat(new DeprecatedSubscriptionPolicy().evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message())
                            .isEqualTo("sales.orders v1 is deprecated and may be retired after 2027-03-31; its"
                                    + " successor is sales.orders v2 (amount became a decimal)");
                    assertThat(f.fix()).isEqualTo("subscribe to sales.orders v2 instead");
                });
        GovernanceDecision decision = GovernanceEngine.withBuiltIns(SETTINGS, CompatibilityOracle.NONE)
                .decide("id", 0L, ProductFixture.DOMAIN, input, false);
        assertThat(decision.getVerdict()).isEqualTo(Verdict.ALLOWED_WITH_WARNINGS);
    }

    @Test
    void shouldRequireAPurposeAndAConsumerPrincipal() {
        List<Finding> findings = new SubscriptionPurposePolicy()
                .evaluate(
                        subscribe(new SubscriptionInput(" ", null, 1, "stuff"), ProductFixture.activeV1("1.2.0")),
                        SETTINGS);

        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).message())
                .isEqualTo("the subscription to sales.orders.v1 names no consumer principal");
        assertThat(findings.get(1).message())
                .isEqualTo("the subscription to sales.orders.v1 states the purpose 'stuff', which is too short (at"
                        + " least 10 characters)");
        assertThat(findings.get(1).fix()).contains("say what the data will be used for");
    }

    @Test
    void shouldSkipSubscriptionPoliciesWithoutARequest() {
        PolicyInput input = PolicyInput.transition("sales.orders", null, ProductFacts.NONE);

        assertThat(new SubscriptionPurposePolicy().evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> assertThat(f.outcome()).isEqualTo(PolicyOutcome.SKIPPED));
    }
}
