package io.meshwork.governance;

import java.time.Duration;
import java.util.Map;

import io.meshwork.descriptor.OutputPort;
import io.meshwork.governance.policy.RetiredMajorPolicy;
import io.meshwork.governance.policy.TopicBoundsPolicy;
import io.meshwork.governance.policy.VersionOrderPolicy;
import io.meshwork.schemas.governance.PolicyOutcome;
import org.junit.jupiter.api.Test;

import static io.meshwork.governance.ProductFixture.ORDER_V1;
import static io.meshwork.governance.ProductFixture.SUBJECT;
import static io.meshwork.governance.ProductFixture.product;
import static io.meshwork.governance.ProductFixture.schema;
import static io.meshwork.governance.ProductFixture.schemas;
import static org.assertj.core.api.Assertions.assertThat;

class TopicAndLifecyclePoliciesTest {
    private static final PolicySettings SETTINGS = PolicySettings.defaults();
    private static final ProductFacts V1_RETIRED =
            ProductFacts.of(Map.of(1, "RETIRED", 2, "ACTIVE"), Map.of(2, "2.0.0"), "internal");

    private static PolicyInput declare(ProductFixture.Builder builder, ProductFacts facts) {
        return PolicyInput.declare(builder.parsed(), schemas(ORDER_V1), facts);
    }

    private static PolicyInput publish(ProductFixture.Builder builder, ProductFacts facts) {
        return PolicyInput.publish(builder.parsed(), schemas(ORDER_V1), null, Map.of(), facts);
    }

    @Test
    void shouldPassTopicSettingsWithinBoundsOrLeftToTheDefault() {
        TopicBoundsPolicy policy = new TopicBoundsPolicy();

        assertThat(policy.evaluate(declare(product(), ProductFacts.NONE), SETTINGS))
                .isEmpty();
        assertThat(policy.evaluate(declare(product().partitions(null).retention(null), ProductFacts.NONE), SETTINGS))
                .isEmpty();
        assertThat(policy.evaluate(
                        declare(product().retention(OutputPort.INFINITE_RETENTION), ProductFacts.NONE), SETTINGS))
                .isEmpty();
    }

    @Test
    void shouldRejectPartitionsAboveTheMaximum() {
        assertThat(new TopicBoundsPolicy().evaluate(declare(product().partitions(200), ProductFacts.NONE), SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message())
                            .isEqualTo("topic sales.orders.v1 asks for 200 partitions; the platform allows 1 to 64");
                    assertThat(f.fix()).contains("set outputPorts[0].partitions: to a number from 1 to 64");
                    assertThat(f.location()).isEqualTo("dataproduct.yaml:14#outputPorts[0].partitions");
                });
    }

    @Test
    void shouldRejectRetentionOutsideTheBounds() {
        assertThat(new TopicBoundsPolicy()
                        .evaluate(declare(product().retention(Duration.ofMinutes(10)), ProductFacts.NONE), SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("asks for retention 10m").contains("1h to 3650d or infinite");
                    assertThat(f.fix()).contains("between 1h and 3650d");
                    assertThat(f.location()).isEqualTo("dataproduct.yaml:15#outputPorts[0].retention");
                });
    }

    @Test
    void shouldRejectInfiniteRetentionWhenTheMeshForbidsIt() {
        PolicySettings strict = SETTINGS.withRetentionBounds(Duration.ofHours(1), Duration.ofDays(30), false);

        assertThat(new TopicBoundsPolicy()
                        .evaluate(
                                declare(product().retention(OutputPort.INFINITE_RETENTION), ProductFacts.NONE), strict))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("keeps records forever")
                        .contains("1h to 30d"));
    }

    @Test
    void shouldRejectPublishingToARetiredMajorVersion() {
        assertThat(new RetiredMajorPolicy().evaluate(publish(product(), V1_RETIRED), SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message())
                            .isEqualTo("sales.orders v1 is retired; a retired major version cannot be published");
                    assertThat(f.fix()).contains("version 2.0.0 on topic sales.orders.v2");
                    assertThat(f.location()).isEqualTo("dataproduct.yaml:2#version");
                });
    }

    @Test
    void shouldRejectRegisteringASchemaForARetiredMajorWithoutADescriptor() {
        PolicyInput input =
                PolicyInput.registerSchema("sales.orders", SUBJECT, schema(ORDER_V1), null, null, V1_RETIRED);

        assertThat(new RetiredMajorPolicy().evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("cannot be given new schemas");
                    assertThat(f.location()).isEqualTo(SUBJECT);
                });
    }

    @Test
    void shouldPassAMajorVersionThatIsNotRetired() {
        assertThat(new RetiredMajorPolicy()
                        .evaluate(publish(product().version("2.1.0").topic("sales.orders.v2"), V1_RETIRED), SETTINGS))
                .isEmpty();
        assertThat(new RetiredMajorPolicy().evaluate(declare(product(), ProductFacts.NONE), SETTINGS))
                .isEmpty();
    }

    @Test
    void shouldRejectAVersionNotNewerThanTheActiveOne() {
        assertThat(new VersionOrderPolicy()
                        .evaluate(publish(product().version("1.1.5"), ProductFixture.activeV1("1.2.0")), SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).isEqualTo("sales.orders 1.1.5 is not newer than the active version 1.2.0");
                    assertThat(f.fix()).startsWith("set version: to 1.3.0 (or 1.2.1 for a fix)");
                    assertThat(f.location()).isEqualTo("dataproduct.yaml:2#version");
                });
    }

    @Test
    void shouldPassANewerVersionAndSkipWhenNothingIsActive() {
        VersionOrderPolicy policy = new VersionOrderPolicy();

        assertThat(policy.evaluate(publish(product().version("1.3.0"), ProductFixture.activeV1("1.2.0")), SETTINGS))
                .isEmpty();
        assertThat(policy.evaluate(publish(product(), ProductFacts.NONE), SETTINGS))
                .singleElement()
                .satisfies(f -> assertThat(f.outcome()).isEqualTo(PolicyOutcome.SKIPPED));
    }

    @Test
    void shouldFallBackToThePreviousDescriptorForTheActiveVersion() {
        PolicyInput input = PolicyInput.publish(
                product().version("1.2.0").parsed(),
                schemas(ORDER_V1),
                product().version("1.4.0").parsed(),
                Map.of(),
                ProductFacts.NONE);

        assertThat(new VersionOrderPolicy().evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("active version 1.4.0"));
    }

    @Test
    void shouldSkipCheckingTheActiveVersionAgainUnchanged() {
        PolicyInput input = PolicyInput.check(
                product().parsed(),
                schemas(ORDER_V1),
                product().parsed(),
                schemas(ORDER_V1),
                ProductFixture.activeV1("1.2.0"));

        assertThat(new VersionOrderPolicy().evaluate(input, SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.outcome()).isEqualTo(PolicyOutcome.SKIPPED);
                    assertThat(f.message()).contains("already the active version");
                });
    }
}
