package io.meshwork.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.meshwork.governance.policy.BreakingChangePolicy;
import io.meshwork.governance.policy.FieldDocumentationPolicy;
import io.meshwork.governance.policy.SchemaCompatibilityPolicy;
import io.meshwork.registry.CompatibilityChecker;
import io.meshwork.registry.CompatibilityLevel;
import io.meshwork.schemas.governance.PolicyOutcome;
import org.junit.jupiter.api.Test;

import static io.meshwork.governance.ProductFixture.ORDER_V1;
import static io.meshwork.governance.ProductFixture.ORDER_V1_AMOUNT_AS_STRING;
import static io.meshwork.governance.ProductFixture.ORDER_V1_UNDOCUMENTED_EMAIL;
import static io.meshwork.governance.ProductFixture.ORDER_V1_WITH_COUPON;
import static io.meshwork.governance.ProductFixture.SUBJECT;
import static io.meshwork.governance.ProductFixture.product;
import static io.meshwork.governance.ProductFixture.schema;
import static io.meshwork.governance.ProductFixture.schemas;
import static org.assertj.core.api.Assertions.assertThat;

class SchemaPoliciesTest {
    private static final PolicySettings SETTINGS = PolicySettings.defaults();

    /** The registry's own check against one registered version, as the platform's oracle does. */
    private static final CompatibilityOracle REGISTRY_WITH_V1 = (subject, candidate, level) ->
            CompatibilityChecker.check(level, candidate, List.of(new CompatibilityChecker.Prior(1, schema(ORDER_V1))));

    private static PolicyInput publish(ProductFixture.Builder builder, String proposed, String previous) {
        return PolicyInput.publish(
                builder.parsed(),
                schemas(proposed),
                product().parsed(),
                previous == null ? Map.of() : schemas(previous),
                ProductFixture.activeV1("1.2.0"));
    }

    @Test
    void shouldPassACompatibleSchema() {
        SchemaCompatibilityPolicy policy = new SchemaCompatibilityPolicy(REGISTRY_WITH_V1);

        assertThat(policy.evaluate(publish(product().version("1.3.0"), ORDER_V1_WITH_COUPON, ORDER_V1), SETTINGS))
                .isEmpty();
    }

    @Test
    void shouldRejectAnIncompatibleSchemaListingTheRegistrysReasons() {
        SchemaCompatibilityPolicy policy = new SchemaCompatibilityPolicy(REGISTRY_WITH_V1);

        List<Finding> findings =
                policy.evaluate(publish(product().version("1.3.0"), ORDER_V1_AMOUNT_AS_STRING, ORDER_V1), SETTINGS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.message())
                    .contains(SUBJECT)
                    .contains("is not FULL_TRANSITIVE compatible")
                    .contains("TYPE_MISMATCH");
            assertThat(f.fix())
                    .contains("make the change compatible")
                    .contains("version 2.0.0 on topic sales.orders.v2");
            assertThat(f.location()).isEqualTo(SUBJECT);
        });
    }

    @Test
    void shouldAskTheOracleAtThePortsCompatibilityLevel() {
        List<CompatibilityLevel> asked = new ArrayList<>();
        SchemaCompatibilityPolicy policy = new SchemaCompatibilityPolicy((subject, candidate, level) -> {
            asked.add(level);
            return List.of();
        });

        policy.evaluate(publish(product().compatibility("BACKWARD"), ORDER_V1, null), SETTINGS);
        policy.evaluate(publish(product(), ORDER_V1, null), SETTINGS);

        assertThat(asked).containsExactly(CompatibilityLevel.BACKWARD, CompatibilityLevel.FULL_TRANSITIVE);
    }

    @Test
    void shouldSkipCompatibilityWithoutAProposedSchema() {
        PolicyInput input = PolicyInput.publish(product().parsed(), Map.of(), null, Map.of(), ProductFacts.NONE);

        assertThat(new SchemaCompatibilityPolicy(CompatibilityOracle.NONE).evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> assertThat(f.outcome()).isEqualTo(PolicyOutcome.SKIPPED));
    }

    @Test
    void shouldRejectBreakingChangeWithinMajorVersion() {
        List<Finding> findings = new BreakingChangePolicy()
                .evaluate(publish(product().version("1.3.0"), ORDER_V1_AMOUNT_AS_STRING, ORDER_V1), SETTINGS);

        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.outcome()).isEqualTo(PolicyOutcome.FAILED);
            assertThat(f.message()).contains("breaking change in " + SUBJECT).contains("'amount'");
            assertThat(f.fix())
                    .isEqualTo("make it compatible (e.g. give the new field a default) or publish it as version"
                            + " 2.0.0 on topic sales.orders.v2");
            assertThat(f.location()).isEqualTo(SUBJECT + "#amount");
        });
    }

    @Test
    void shouldPassACompatibleChangeWithinMajorVersion() {
        assertThat(new BreakingChangePolicy()
                        .evaluate(publish(product().version("1.3.0"), ORDER_V1_WITH_COUPON, ORDER_V1), SETTINGS))
                .isEmpty();
    }

    @Test
    void shouldSkipBreakingChangeDetectionWithoutAPreviousSchema() {
        assertThat(new BreakingChangePolicy().evaluate(publish(product(), ORDER_V1, null), SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.outcome()).isEqualTo(PolicyOutcome.SKIPPED);
                    assertThat(f.message()).contains("no previous schema");
                });
    }

    @Test
    void shouldPassAFullyDocumentedSchema() {
        PolicyInput input = PolicyInput.declare(product().parsed(), schemas(ORDER_V1), ProductFacts.NONE);

        assertThat(new FieldDocumentationPolicy().evaluate(input, SETTINGS)).isEmpty();
    }

    @Test
    void shouldReportEachUndocumentedNestedField() {
        PolicyInput input =
                PolicyInput.declare(product().parsed(), schemas(ORDER_V1_UNDOCUMENTED_EMAIL), ProductFacts.NONE);

        assertThat(new FieldDocumentationPolicy().evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).isEqualTo("field 'customer.email' in " + SUBJECT + " has no doc");
                    assertThat(f.fix()).contains("add a \"doc\" to field 'email' of record 'Customer'");
                    assertThat(f.location()).isEqualTo(SUBJECT + "#customer.email");
                });
    }

    @Test
    void shouldReportUndocumentedNamedTypesInArraysAndUnions() {
        String schema =
                """
                {"type": "record", "name": "Basket", "fields": [
                  {"name": "lines", "doc": "The lines.", "type": {"type": "array", "items": {
                    "type": "record", "name": "Line", "doc": "One line.", "fields": [
                      {"name": "sku", "type": "string"},
                      {"name": "state", "doc": "Line state.", "type": ["null",
                        {"type": "enum", "name": "State", "symbols": ["OPEN", "DONE"]}], "default": null}]}}}]}
                """;
        PolicyInput input =
                PolicyInput.registerSchema(null, "basket-value", schema(schema), null, null, ProductFacts.NONE);

        List<Finding> findings = new FieldDocumentationPolicy().evaluate(input, SETTINGS);

        assertThat(findings)
                .extracting(Finding::location)
                .containsExactlyInAnyOrder("basket-value", "basket-value#lines.state", "basket-value#lines.sku");
        assertThat(findings)
                .extracting(Finding::message)
                .contains(
                        "record type 'Basket' in basket-value has no doc",
                        "enum type 'State' in basket-value has no doc",
                        "field 'lines.sku' in basket-value has no doc");
    }

    @Test
    void shouldSkipDocumentationWithoutAProposedSchema() {
        PolicyInput input = PolicyInput.declare(product().parsed(), Map.of(), ProductFacts.NONE);

        assertThat(new FieldDocumentationPolicy().evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> assertThat(f.outcome()).isEqualTo(PolicyOutcome.SKIPPED));
    }
}
