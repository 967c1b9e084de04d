package io.meshwork.governance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.governance.policy.FieldDocumentationPolicy;
import io.meshwork.registry.CompatibilityChecker;
import io.meshwork.registry.RegistrationPolicy.Violation;
import io.meshwork.schemas.governance.GovernanceAction;
import io.meshwork.schemas.governance.GovernanceDecision;
import io.meshwork.schemas.governance.Verdict;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static io.meshwork.governance.ProductFixture.DOMAIN;
import static io.meshwork.governance.ProductFixture.ORDER_V1;
import static io.meshwork.governance.ProductFixture.ORDER_V1_UNDOCUMENTED_EMAIL;
import static io.meshwork.governance.ProductFixture.ORDER_V1_WITH_COUPON;
import static io.meshwork.governance.ProductFixture.SUBJECT;
import static io.meshwork.governance.ProductFixture.product;
import static io.meshwork.governance.ProductFixture.schema;
import static org.assertj.core.api.Assertions.assertThat;

class GovernanceRegistrationPolicyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
    private static final List<CompatibilityChecker.Prior> V1_REGISTERED =
            List.of(new CompatibilityChecker.Prior(1, schema(ORDER_V1)));

    private final List<GovernanceDecision> recorded = new ArrayList<>();

    private GovernanceRegistrationPolicy hook(PolicySettings settings, Map<String, ProductFacts> catalog) {
        return new GovernanceRegistrationPolicy(
                GovernanceEngine.withBuiltIns(settings, CompatibilityOracle.NONE),
                catalog::get,
                recorded::add,
                () -> DOMAIN,
                CLOCK);
    }

    private GovernanceRegistrationPolicy hook(Map<String, ProductFacts> catalog) {
        return hook(PolicySettings.defaults(), catalog);
    }

    @Test
    void shouldAllowADocumentedSchemaAndRecordTheDecision() {
        Optional<Violation> violation = hook(Map.of("sales.orders", ProductFixture.activeV1("1.2.0")))
                .check(SUBJECT, schema(ORDER_V1_WITH_COUPON), V1_REGISTERED);

        assertThat(violation).isEmpty();
        assertThat(recorded).singleElement().satisfies(d -> {
            assertThat(d.getVerdict()).isEqualTo(Verdict.ALLOWED);
            assertThat(d.getAction()).isEqualTo(GovernanceAction.REGISTER_SCHEMA);
            assertThat(d.getProductId()).isEqualTo("sales.orders");
            assertThat(d.getSubject()).isEqualTo(SUBJECT);
            assertThat(d.getVersion()).isNull();
            assertThat(d.getActor()).isEqualTo(DOMAIN);
            assertThat(d.getTime()).isEqualTo(CLOCK.instant());
            assertThat(d.getDryRun()).isFalse();
            assertThat(d.getChanges()).anySatisfy(c -> assertThat(c.getPath()).isEqualTo("coupon"));
        });
    }

    @Test
    void shouldRecordAnAllowedDecisionWithWarnings() {
        Optional<Violation> violation = hook(Map.of()).check(SUBJECT, schema(ORDER_V1_UNDOCUMENTED_EMAIL), List.of());

        assertThat(violation).isEmpty();
        assertThat(recorded).singleElement().satisfies(d -> assertThat(d.getVerdict())
                .isEqualTo(Verdict.ALLOWED_WITH_WARNINGS));
    }

    @Test
    void shouldDenyASchemaForARetiredMajorVersionWithTheFix() {
        ProductFacts retired = ProductFacts.of(Map.of(1, "RETIRED"), Map.of(), "internal");

        Optional<Violation> violation =
                hook(Map.of("sales.orders", retired)).check(SUBJECT, schema(ORDER_V1), V1_REGISTERED);

        assertThat(violation).hasValueSatisfying(v -> {
            assertThat(v.policyId()).isEqualTo("lifecycle.retired");
            assertThat(v.errorCode()).isEqualTo(42291);
            assertThat(v.message())
                    .contains("sales.orders v1 is retired")
                    .contains("Fix: ship the change as a major version that is not retired");
        });
        assertThat(recorded).singleElement().satisfies(d -> assertThat(d.getVerdict())
                .isEqualTo(Verdict.DENIED));
    }

    @Test
    void shouldDenyAMalformedProductSubject() {
        Optional<Violation> violation = hook(Map.of()).check("Sales.orders.v1-value", schema(ORDER_V1), List.of());

        assertThat(violation).hasValueSatisfying(v -> {
            assertThat(v.policyId()).isEqualTo("naming.topic");
            assertThat(v.message()).contains("'sales.orders.v1-value'");
        });
        assertThat(recorded).singleElement().satisfies(d -> assertThat(d.getProductId())
                .isEqualTo("Sales.orders"));
    }

    @Test
    void shouldApplyTheDomainsTighteningFromTheCatalogsDescriptor() {
        ProductFacts facts = ProductFacts.of(
                Map.of(1, "ACTIVE"),
                Map.of(1, "1.2.0"),
                "internal",
                Map.of(
                        1,
                        product()
                                .policy(FieldDocumentationPolicy.ID, PolicySeverity.BLOCKER)
                                .parsed()));

        Optional<Violation> violation =
                hook(Map.of("sales.orders", facts)).check(SUBJECT, schema(ORDER_V1_UNDOCUMENTED_EMAIL), V1_REGISTERED);

        assertThat(violation).hasValueSatisfying(v -> {
            assertThat(v.policyId()).isEqualTo("docs.every-field");
            assertThat(v.message()).contains("field 'customer.email' in " + SUBJECT + " has no doc");
        });
        assertThat(recorded).singleElement().satisfies(d -> assertThat(d.getVersion())
                .isEqualTo("1.2.0"));
    }

    @Test
    void shouldOnlyCheckDocumentationOfOtherSubjectsAndRecordNoDecision() {
        Schema undocumented = schema(ORDER_V1_UNDOCUMENTED_EMAIL);
        PolicySettings docsRequired =
                PolicySettings.defaults().withSeverity(FieldDocumentationPolicy.ID, PolicySeverity.BLOCKER);

        assertThat(hook(Map.of()).check("payments-raw-value", undocumented, List.of()))
                .isEmpty();
        assertThat(hook(docsRequired, Map.of()).check("payments-raw-value", undocumented, List.of()))
                .hasValueSatisfying(v -> {
                    assertThat(v.policyId()).isEqualTo("docs.every-field");
                    assertThat(v.message())
                            .contains("payments-raw-value#customer.email")
                            .doesNotContain("naming");
                });
        assertThat(hook(docsRequired, Map.of()).check("mesh.governance.v1-value", undocumented, List.of()))
                .isPresent();
        assertThat(hook(Map.of()).check("_mesh.registry-value", schema(ORDER_V1), List.of()))
                .isEmpty();
        assertThat(recorded).isEmpty();
    }

    @Test
    void shouldKeepTheMessageUnderTwoThousandCharacters() {
        String fields = IntStream.range(0, 200)
                .mapToObj(i -> "{\"name\": \"undocumentedField" + i + "\", \"type\": \"string\"}")
                .collect(Collectors.joining(","));
        Schema wide =
                schema("{\"type\": \"record\", \"name\": \"Wide\", \"doc\": \"Wide.\", \"fields\": [" + fields + "]}");
        PolicySettings docsRequired =
                PolicySettings.defaults().withSeverity(FieldDocumentationPolicy.ID, PolicySeverity.BLOCKER);

        Optional<Violation> violation = hook(docsRequired, Map.of()).check(SUBJECT, wide, List.of());

        assertThat(violation).hasValueSatisfying(v -> {
            assertThat(v.message()).hasSizeLessThan(2000).contains("more; run meshctl check to see them all");
            assertThat(v.message()).startsWith("[docs.every-field] field 'undocumentedField0'");
        });
    }

    @Test
    void shouldGiveAReplayedRegistrationTheSameDecisionId() {
        GovernanceRegistrationPolicy hook = hook(Map.of());

        hook.check(SUBJECT, schema(ORDER_V1_WITH_COUPON), V1_REGISTERED);
        hook.check(SUBJECT, schema(ORDER_V1_WITH_COUPON), V1_REGISTERED);
        hook.check(SUBJECT, schema(ORDER_V1), V1_REGISTERED);

        assertThat(recorded).hasSize(3);
        assertThat(recorded.get(0).getDecisionId()).isEqualTo(recorded.get(1).getDecisionId());
        assertThat(recorded.get(2).getDecisionId()).isNotEqualTo(recorded.get(0).getDecisionId());
    }
}
