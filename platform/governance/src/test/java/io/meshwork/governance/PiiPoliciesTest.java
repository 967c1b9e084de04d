package io.meshwork.governance;

import java.util.List;
import java.util.Map;

import io.meshwork.descriptor.Classification;
import io.meshwork.governance.policy.FieldTagsPolicy;
import io.meshwork.governance.policy.PiiClassificationPolicy;
import io.meshwork.governance.policy.PiiTaggingPolicy;
import io.meshwork.schemas.governance.PolicyOutcome;
import org.junit.jupiter.api.Test;

import static io.meshwork.governance.ProductFixture.ORDER_V1;
import static io.meshwork.governance.ProductFixture.SUBJECT;
import static io.meshwork.governance.ProductFixture.product;
import static io.meshwork.governance.ProductFixture.schemas;
import static org.assertj.core.api.Assertions.assertThat;

class PiiPoliciesTest {
    private static final PolicySettings SETTINGS = PolicySettings.defaults();

    private static PolicyInput declare(ProductFixture.Builder builder) {
        return PolicyInput.declare(builder.parsed(), schemas(ORDER_V1), ProductFacts.NONE);
    }

    @Test
    void shouldPassPiiFieldsThatAreTagged() {
        assertThat(new PiiTaggingPolicy().evaluate(declare(product()), SETTINGS))
                .isEmpty();
    }

    @Test
    void shouldAcceptATagOnAnEnclosingField() {
        PolicyInput input = declare(product().fieldTags(Map.of("customer", List.of("pii"))));

        assertThat(new PiiTaggingPolicy().evaluate(input, SETTINGS)).isEmpty();
    }

    @Test
    void shouldWarnAboutAnUntaggedPiiField() {
        List<Finding> findings =
                new PiiTaggingPolicy().evaluate(declare(product().fieldTags(Map.of())), SETTINGS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.message())
                    .isEqualTo("field 'customer.email' in " + SUBJECT
                            + " looks like personal data (matches 'email') but is not tagged pii");
            assertThat(f.fix())
                    .isEqualTo("tag it in dataproduct.yaml: outputPorts[0].fieldTags: {customer.email: [pii]}");
            assertThat(f.location()).isEqualTo(SUBJECT + "#customer.email");
        });
    }

    @Test
    void shouldUseTheConfiguredPiiPatterns() {
        PolicyInput input = declare(product().fieldTags(Map.of()));

        assertThat(new PiiTaggingPolicy().evaluate(input, SETTINGS.withPiiPatterns(List.of("order-id"))))
                .singleElement()
                .satisfies(f -> assertThat(f.location()).isEqualTo(SUBJECT + "#orderId"));
    }

    @Test
    void shouldSkipPiiTaggingWithoutTheValueSchema() {
        PolicyInput input = PolicyInput.declare(product().parsed(), Map.of(), ProductFacts.NONE);

        assertThat(new PiiTaggingPolicy().evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> assertThat(f.outcome()).isEqualTo(PolicyOutcome.SKIPPED));
    }

    @Test
    void shouldRejectAFieldTagOnAPathTheSchemaDoesNotHave() {
        PolicyInput input = declare(
                product().fieldTags(Map.of("customer.email", List.of("pii"), "customer.phone", List.of("pii"))));

        assertThat(new FieldTagsPolicy().evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message())
                            .isEqualTo("outputPorts[0].fieldTags tags 'customer.phone' [pii], but " + SUBJECT
                                    + " has no field at that path");
                    assertThat(f.fix()).contains("fix the path").contains("remove the entry");
                    assertThat(f.location()).isEqualTo("dataproduct.yaml:10#outputPorts[0].fieldTags.customer.phone");
                });
    }

    @Test
    void shouldPassFieldTagsThatNameExistingFields() {
        PolicyInput input = declare(
                product().fieldTags(Map.of("customer.email", List.of("pii"), "customer", List.of("customer-data"))));

        assertThat(new FieldTagsPolicy().evaluate(input, SETTINGS)).isEmpty();
    }

    @Test
    void shouldDenyPiiFieldInPublicProduct() {
        List<Finding> findings = new PiiClassificationPolicy()
                .evaluate(declare(product().classification(Classification.PUBLIC)), SETTINGS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.message())
                    .isEqualTo("field 'customer.email' in " + SUBJECT
                            + " is tagged pii but sales.orders is classified public");
            assertThat(f.fix()).startsWith("set classification: confidential (or restricted) in dataproduct.yaml");
            assertThat(f.location()).isEqualTo("dataproduct.yaml:9#classification");
        });
    }

    @Test
    void shouldAllowPiiFieldInConfidentialProductAndPublicProductWithoutPii() {
        PiiClassificationPolicy policy = new PiiClassificationPolicy();

        assertThat(policy.evaluate(declare(product().classification(Classification.CONFIDENTIAL)), SETTINGS))
                .isEmpty();
        assertThat(policy.evaluate(
                        declare(product().classification(Classification.PUBLIC).fieldTags(Map.of())), SETTINGS))
                .isEmpty();
    }
}
