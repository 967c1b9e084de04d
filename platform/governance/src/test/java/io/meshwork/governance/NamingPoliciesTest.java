package io.meshwork.governance;

import java.util.List;

import io.meshwork.governance.policy.ProductIdNamingPolicy;
import io.meshwork.governance.policy.TopicNamingPolicy;
import io.meshwork.schemas.governance.PolicyOutcome;
import org.junit.jupiter.api.Test;

import static io.meshwork.governance.ProductFixture.ORDER_V1;
import static io.meshwork.governance.ProductFixture.product;
import static io.meshwork.governance.ProductFixture.schema;
import static io.meshwork.governance.ProductFixture.schemas;
import static org.assertj.core.api.Assertions.assertThat;

class NamingPoliciesTest {
    private static final PolicySettings SETTINGS = PolicySettings.defaults();
    private final ProductIdNamingPolicy productId = new ProductIdNamingPolicy();
    private final TopicNamingPolicy topic = new TopicNamingPolicy();

    private static PolicyInput declare(ProductFixture.Builder builder) {
        return PolicyInput.declare(builder.parsed(), schemas(ORDER_V1), ProductFacts.NONE);
    }

    private static PolicyInput register(String subject) {
        return PolicyInput.registerSchema(
                ProductSubject.parse(subject).map(ProductSubject::productId).orElse(null),
                subject,
                schema(ORDER_V1),
                null,
                null,
                ProductFacts.NONE);
    }

    @Test
    void shouldPassAWellFormedProductId() {
        assertThat(productId.evaluate(declare(product()), SETTINGS)).isEmpty();
        assertThat(productId.evaluate(
                        declare(product().id("product-usage.daily-active2").domain("product-usage")), SETTINGS))
                .isEmpty();
    }

    @Test
    void shouldRejectAProductIdThatIsNotLowercaseDomainDotName() {
        List<Finding> findings =
                productId.evaluate(declare(product().id("Sales.Orders").domain("Sales")), SETTINGS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(PolicyOutcome.FAILED);
            assertThat(f.message()).contains("'Sales.Orders'").contains("is not <domain>.<name>");
            assertThat(f.fix()).contains("set id:").contains("'sales.orders'");
            assertThat(f.location()).isEqualTo("dataproduct.yaml:1#id");
        });
        assertThat(productId.evaluate(declare(product().id("sales.orders.eu")), SETTINGS))
                .hasSize(1);
    }

    @Test
    void shouldRejectADomainThatIsNotTheIdsFirstSegment() {
        List<Finding> findings = productId.evaluate(declare(product().domain("finance")), SETTINGS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("domain 'finance'").contains("'sales'");
            assertThat(f.fix()).contains("set domain: sales");
            assertThat(f.location()).isEqualTo("dataproduct.yaml:3#domain");
        });
    }

    @Test
    void shouldSkipNamingWithoutADescriptor() {
        assertThat(productId.evaluate(register("sales.orders.v1-value"), SETTINGS))
                .singleElement()
                .satisfies(f -> assertThat(f.outcome()).isEqualTo(PolicyOutcome.SKIPPED));
    }

    @Test
    void shouldPassTheTopicOfTheDescriptorsMajorVersion() {
        assertThat(topic.evaluate(declare(product()), SETTINGS)).isEmpty();
        assertThat(topic.evaluate(declare(product().version("2.0.0").topic("sales.orders.v2")), SETTINGS))
                .isEmpty();
    }

    @Test
    void shouldRejectATopicThatDoesNotMatchTheMajorVersion() {
        List<Finding> findings = topic.evaluate(declare(product().version("2.0.0")), SETTINGS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("'sales.orders.v1'").contains("is not 'sales.orders.v2'");
            assertThat(f.fix()).contains("outputPorts[0].topic: sales.orders.v2");
            assertThat(f.location()).isEqualTo("dataproduct.yaml:11#outputPorts[0].topic");
        });
    }

    @Test
    void shouldRejectAnExtraPortOnAnotherTopic() {
        List<Finding> findings = topic.evaluate(declare(product().extraPort("sales.orders-eu.v1")), SETTINGS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("sales.orders-eu.v1");
            assertThat(f.location()).contains("outputPorts[1].topic");
        });
        assertThat(topic.evaluate(declare(product().extraPort("sales.orders.v1")), SETTINGS))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("declared more than once"));
    }

    @Test
    void shouldRejectAVersionThatIsNotSemantic() {
        assertThat(topic.evaluate(declare(product().version("1.2")), SETTINGS))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("version '1.2'").contains("MAJOR.MINOR.PATCH");
                    assertThat(f.fix()).contains("1.0.0");
                });
    }

    @Test
    void shouldPassAWellFormedProductSubjectAtRegistration() {
        assertThat(topic.evaluate(register("sales.orders.v1-value"), SETTINGS)).isEmpty();
        assertThat(topic.evaluate(register("sales.orders.v12-key"), SETTINGS)).isEmpty();
    }

    @Test
    void shouldRejectAMalformedProductSubjectAtRegistration() {
        List<Finding> findings = topic.evaluate(register("Sales.Orders.v01-value"), SETTINGS);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("'Sales.Orders.v01-value'").contains("lowercase");
            assertThat(f.fix()).contains("'sales.orders.v1-value'");
            assertThat(f.location()).isEqualTo("Sales.Orders.v01-value");
        });
    }

    @Test
    void shouldSkipPlatformAndOtherSubjectsAtRegistration() {
        for (String subject : List.of("mesh.governance.v1-value", "_mesh.registry-value", "payments-raw-value")) {
            PolicyInput input =
                    PolicyInput.registerSchema(null, subject, schema(ORDER_V1), null, null, ProductFacts.NONE);

            assertThat(topic.evaluate(input, SETTINGS)).singleElement().satisfies(f -> assertThat(f.outcome())
                    .isEqualTo(PolicyOutcome.SKIPPED));
        }
    }

    @Test
    void shouldReadProductSubjects() {
        assertThat(ProductSubject.parse("sales.orders.v3-key")).hasValueSatisfying(s -> {
            assertThat(s.productId()).isEqualTo("sales.orders");
            assertThat(s.major()).isEqualTo(3);
            assertThat(s.key()).isTrue();
            assertThat(s.wellFormed()).isTrue();
        });
        assertThat(ProductSubject.parse("mesh.lifecycle.v1-value")).isEmpty();
        assertThat(ProductSubject.parse("sales.orders.v1.dlq-value")).isEmpty();
        assertThat(ProductSubject.parse("orders-value")).isEmpty();
        assertThat(ProductSubject.isPlatform("_mesh.registry")).isTrue();
    }
}
