package io.meshwork.governance;

import java.util.List;
import java.util.Map;

import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.governance.policy.ClassificationRequiredPolicy;
import io.meshwork.governance.policy.DescriptionRequiredPolicy;
import io.meshwork.governance.policy.OwnerRequiredPolicy;
import io.meshwork.schemas.governance.PolicyOutcome;
import org.junit.jupiter.api.Test;

import static io.meshwork.governance.ProductFixture.product;
import static org.assertj.core.api.Assertions.assertThat;

class RequiredFieldsPoliciesTest {
    private static final PolicySettings SETTINGS = PolicySettings.defaults();

    private static PolicyInput declare(ProductFixture.Builder builder) {
        return PolicyInput.declare(builder.parsed(), Map.of(), ProductFacts.NONE);
    }

    @Test
    void shouldPassAProductWithOwnerDescriptionAndClassification() {
        assertThat(new OwnerRequiredPolicy().evaluate(declare(product()), SETTINGS))
                .isEmpty();
        assertThat(new DescriptionRequiredPolicy().evaluate(declare(product()), SETTINGS))
                .isEmpty();
        assertThat(new ClassificationRequiredPolicy().evaluate(declare(product()), SETTINGS))
                .isEmpty();
    }

    @Test
    void shouldRequireAnOwningTeamAndAnEmail() {
        OwnerRequiredPolicy policy = new OwnerRequiredPolicy();

        assertThat(policy.evaluate(declare(product().owner(null)), SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).isEqualTo("sales.orders has no owner");
                    assertThat(f.fix()).contains("owner: {team:");
                });
        assertThat(policy.evaluate(declare(product().owner(new ProductDescriptor.Owner(" ", "a@b.c"))), SETTINGS))
                .singleElement()
                .satisfies(f -> assertThat(f.location()).isEqualTo("dataproduct.yaml:6#owner.team"));
        assertThat(policy.evaluate(
                        declare(product().owner(new ProductDescriptor.Owner("sales", "sales-team"))), SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("'sales-team' is not an email address");
                    assertThat(f.fix()).contains("set owner.email:");
                });
    }

    @Test
    void shouldRequireADescriptionOfTheConfiguredLength() {
        DescriptionRequiredPolicy policy = new DescriptionRequiredPolicy();

        assertThat(policy.evaluate(declare(product().description(null)), SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).isEqualTo("sales.orders has no description");
                    assertThat(f.location()).isEqualTo("dataproduct.yaml:5#description");
                });
        assertThat(policy.evaluate(declare(product().description("Orders.")), SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("is 7 characters").contains("at least 20");
                    assertThat(f.fix()).contains("what the product contains").contains("at least 20 characters");
                });
        assertThat(policy.evaluate(declare(product().description("Orders.")), SETTINGS.withDescriptionMinLength(5)))
                .isEmpty();
    }

    @Test
    void shouldRequireAClassification() {
        List<Finding> findings =
                new ClassificationRequiredPolicy().evaluate(declare(product().classification(null)), SETTINGS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(PolicyOutcome.FAILED);
            assertThat(f.message()).isEqualTo("sales.orders has no classification");
            assertThat(f.fix()).contains("public, internal, confidential or restricted");
            assertThat(f.location()).isEqualTo("dataproduct.yaml:9#classification");
        });
    }

    @Test
    void shouldSkipRequiredFieldsWithoutADescriptor() {
        PolicyInput input = PolicyInput.transition("sales.orders", null, ProductFacts.NONE);

        assertThat(new OwnerRequiredPolicy().evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> assertThat(f.outcome()).isEqualTo(PolicyOutcome.SKIPPED));
    }
}
