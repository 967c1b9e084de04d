package io.meshwork.platform.server.catalog;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Subscriptions that need approval, lineage through a consumer product, the dry run and the OpenAPI document. */
@ExtendWith(EmbeddedKafkaExtension.class)
class SubscriptionsAndChecksIT {

    private static void publish(
            PlatformUnderTest platform, String domain, String version, String schema, String classification) {
        Map<String, Object> declaration = Map.of(
                "descriptor",
                ProductLifecycleIT.descriptor(domain, version)
                        .replace("classification: internal", "classification: " + classification),
                "schemas",
                Map.of(domain + ".orders.v" + version.charAt(0) + "-value", schema));
        PlatformUnderTest.Reply declared = platform.post("api/v1/products", declaration);
        assertThat(declared.status()).as(declared.toString()).isEqualTo(201);
        PlatformUnderTest.Reply published =
                platform.post("api/v1/products/" + domain + ".orders/publications", Map.of("version", version));
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
    }

    @Test
    void shouldWaitForApprovalOnAConfidentialProductAndRecordTheConsumerInLineage(EmbeddedKafkaBroker broker) {
        String domain = PlatformUnderTest.uniqueDomain("hr");
        String consumerDomain = PlatformUnderTest.uniqueDomain("finance");
        String id = domain + ".orders";
        try (PlatformUnderTest platform = new PlatformUnderTest(broker, Map.of())) {
            publish(platform, domain, "1.0.0", ProductLifecycleIT.ORDER_V1, "confidential");
            publish(platform, consumerDomain, "1.0.0", ProductLifecycleIT.ORDER_V1, "internal");

            PlatformUnderTest.Reply requested = platform.post(
                    "api/v1/subscriptions",
                    Map.of(
                            "product",
                            id,
                            "major",
                            1,
                            "consumer",
                            "User:finance-app",
                            "consumerProduct",
                            consumerDomain + ".orders",
                            "purpose",
                            "reconcile orders with invoices"));
            assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
            assertThat(requested.json().path("status").asText()).isEqualTo("REQUESTED");
            String subscriptionId = requested.json().path("subscriptionId").asText();
            assertThat(platform.get("api/v1/subscriptions?product=" + id + "&status=requested")
                            .json()
                            .path("items"))
                    .singleElement()
                    .satisfies(
                            s -> assertThat(s.path("subscriptionId").asText()).isEqualTo(subscriptionId));
            assertThat(platform.get("api/v1/lineage").json().path("edges").toString())
                    .as("not granted yet: no lineage edge")
                    .doesNotContain("\"kind\":\"subscription\"");

            PlatformUnderTest.Reply approved =
                    platform.post("api/v1/subscriptions/" + subscriptionId + "/approval", "");
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            assertThat(approved.json().path("status").asText()).isEqualTo("GRANTED");
            assertThat(approved.json().path("decidedBy").asText()).isEqualTo("User:test");
            assertThat(approved.json().path("automatic").asBoolean()).isFalse();

            JsonNode lineage = platform.get("api/v1/products/" + consumerDomain + ".orders/lineage")
                    .json();
            assertThat(lineage.path("edges")).anySatisfy(e -> {
                assertThat(e.path("from").asText()).isEqualTo(id + ".v1");
                assertThat(e.path("to").asText()).isEqualTo(consumerDomain + ".orders.v1");
                assertThat(e.path("kind").asText()).isEqualTo("subscription");
            });
            assertThat(platform.get("api/v1/products/" + id).json().path("consumers"))
                    .singleElement()
                    .satisfies(c ->
                            assertThat(c.path("consumerProductId").asText()).isEqualTo(consumerDomain + ".orders"));

            PlatformUnderTest.Reply revoked = platform.post(
                    "api/v1/subscriptions/" + subscriptionId + "/revocation", Map.of("reason", "contract ended"));
            assertThat(revoked.json().path("status").asText()).isEqualTo("REVOKED");
            assertThat(revoked.json().path("reason").asText()).isEqualTo("contract ended");

            PlatformUnderTest.Reply another = platform.post(
                    "api/v1/subscriptions",
                    Map.of(
                            "product",
                            id,
                            "major",
                            1,
                            "consumer",
                            "User:adhoc",
                            "purpose",
                            "ad-hoc analysis of orders"));
            String anotherId = another.json().path("subscriptionId").asText();
            PlatformUnderTest.Reply denied = platform.post(
                    "api/v1/subscriptions/" + anotherId + "/denial",
                    Map.of("reason", "purpose not covered by the terms"));
            assertThat(denied.json().path("status").asText()).isEqualTo("DENIED");

            PlatformUnderTest.Reply vague = platform.post(
                    "api/v1/subscriptions", Map.of("product", id, "major", 1, "consumer", "User:x", "purpose", "data"));
            assertThat(vague.status()).as(vague.toString()).isEqualTo(422);
            assertThat(vague.json().path("message").asText()).contains("subscription.purpose");
            assertThat(vague.json().at("/details/verdict").asText()).isEqualTo("DENIED");

            JsonNode audit = platform.get("api/v1/products/" + id + "/audit").json();
            assertThat(audit.path("decisions").findValuesAsText("action")).contains("SUBSCRIBE");
        }
    }

    @Test
    void shouldJudgeADescriptorInADryRunWithoutChangingAnything(EmbeddedKafkaBroker broker) {
        String domain = PlatformUnderTest.uniqueDomain("sales");
        String id = domain + ".orders";
        try (PlatformUnderTest platform = new PlatformUnderTest(broker, Map.of())) {
            publish(platform, domain, "1.0.0", ProductLifecycleIT.ORDER_V1, "internal");
            await().until(() -> platform.get("api/v1/products/" + id + "/audit")
                            .json()
                            .path("decisions")
                            .size()
                    >= 3);
            String before =
                    platform.get("api/v1/catalog").json().path("stateHash").asText();

            PlatformUnderTest.Reply compatible = platform.post(
                    "api/v1/checks", ProductLifecycleIT.declaration(domain, "1.1.0", ProductLifecycleIT.ORDER_V1_1));
            assertThat(compatible.status()).as(compatible.toString()).isEqualTo(200);
            assertThat(compatible.json().path("verdict").asText()).startsWith("ALLOWED");
            assertThat(compatible.json().path("compatibility")).singleElement().satisfies(c -> {
                assertThat(c.path("subject").asText()).isEqualTo(id + ".v1-value");
                assertThat(c.path("level").asText()).isEqualTo("FULL_TRANSITIVE");
                assertThat(c.path("compatible").asBoolean()).isTrue();
            });

            PlatformUnderTest.Reply breaking = platform.post(
                    "api/v1/checks",
                    ProductLifecycleIT.declaration(domain, "1.1.0", ProductLifecycleIT.ORDER_BREAKING));
            assertThat(breaking.status()).isEqualTo(200);
            assertThat(breaking.json().path("verdict").asText()).isEqualTo("DENIED");
            assertThat(breaking.json()
                            .path("compatibility")
                            .get(0)
                            .path("compatible")
                            .asBoolean())
                    .isFalse();
            assertThat(breaking.json()
                            .path("compatibility")
                            .get(0)
                            .path("messages")
                            .toString())
                    .contains("amount");
            assertThat(breaking.json().path("changes"))
                    .anySatisfy(
                            c -> assertThat(c.path("classification").asText()).isEqualTo("BREAKING"));
            assertThat(breaking.json().path("results")).anySatisfy(r -> {
                assertThat(r.path("policyId").asText()).isEqualTo("schema.breaking-change");
                assertThat(r.path("outcome").asText()).isEqualTo("FAILED");
            });

            PlatformUnderTest.Reply invalid = platform.post(
                    "api/v1/checks",
                    Map.of("descriptor", "id: x.y\nversion: one\n", "file", "domains/x/dataproduct.yaml"));
            assertThat(invalid.status()).isEqualTo(200);
            assertThat(invalid.json().path("verdict").asText()).isEqualTo("DENIED");
            assertThat(invalid.json().path("problems")).anySatisfy(p -> {
                assertThat(p.path("file").asText()).isEqualTo("domains/x/dataproduct.yaml");
                assertThat(p.path("line").asInt()).isEqualTo(2);
                assertThat(p.path("field").asText()).isEqualTo("version");
                assertThat(p.path("fix").asText()).isNotBlank();
            });

            assertThat(platform.get("api/v1/catalog").json().path("stateHash").asText())
                    .as("a dry run changes nothing")
                    .isEqualTo(before);
            assertThat(platform.get("subjects/" + id + ".v1-value/versions").json())
                    .hasSize(1);
        }
    }

    @Test
    void shouldServeTheOpenApiDocumentTheBuildGenerates(EmbeddedKafkaBroker broker) {
        try (PlatformUnderTest platform = new PlatformUnderTest(broker, Map.of())) {
            PlatformUnderTest.Reply document = platform.get("openapi/meshwork-platform-v1.yml");
            assertThat(document.status()).isEqualTo(200);
            assertThat(document.body())
                    .startsWith("openapi: 3")
                    .contains("/api/v1/products/{id}/publications")
                    .contains("/api/v1/checks")
                    .contains("/api/v1/subscriptions/{id}/approval")
                    .contains("ProductDetail");
            PlatformUnderTest.Reply policies = platform.get("api/v1/policies");
            assertThat(policies.json().findValuesAsText("id"))
                    .contains("naming.product-id", "schema.breaking-change", "docs.every-field", "pii.not-public");
        }
    }
}
