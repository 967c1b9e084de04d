package io.meshwork.platform.server.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.kafka.embedded.TestTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A product's whole life through the platform's API on the real embedded broker: declared, published, evolved
 * compatibly, refused a breaking change within its major version (with the changelog in the verdict), shipped as v2,
 * v1 deprecated and retired; the catalog, the verdicts and the registry asserted at each step, then a restart.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class ProductLifecycleIT {
    static final String ORDER_V1 =
            """
            {"type": "record", "name": "Order", "namespace": "shop", "doc": "An order placed in the web shop.",
             "fields": [
               {"name": "orderId", "type": "string", "doc": "Unique order id."},
               {"name": "amount", "type": "double", "doc": "Total amount, in currency units."},
               {"name": "currency", "type": "string", "doc": "ISO 4217 currency code."}]}""";
    static final String ORDER_V1_1 =
            """
            {"type": "record", "name": "Order", "namespace": "shop", "doc": "An order placed in the web shop.",
             "fields": [
               {"name": "orderId", "type": "string", "doc": "Unique order id."},
               {"name": "amount", "type": "double", "doc": "Total amount, in currency units."},
               {"name": "currency", "type": "string", "doc": "ISO 4217 currency code."},
               {"name": "discountCode", "type": ["null", "string"], "default": null, "doc": "Voucher used, if any."}]}""";
    static final String ORDER_BREAKING =
            """
            {"type": "record", "name": "Order", "namespace": "shop", "doc": "An order placed in the web shop.",
             "fields": [
               {"name": "orderId", "type": "string", "doc": "Unique order id."},
               {"name": "amount", "type": "string", "doc": "Total amount as a decimal string."},
               {"name": "currency", "type": "string", "doc": "ISO 4217 currency code."},
               {"name": "discountCode", "type": ["null", "string"], "default": null, "doc": "Voucher used, if any."}]}""";

    static String descriptor(String domain, String version) {
        int major = Integer.parseInt(version.substring(0, 1));
        return """
                id: %1$s.orders
                version: %2$s
                domain: %1$s
                title: Web shop orders
                description: Every order placed in the web shop, cleaned and deduplicated, one record per order.
                owner:
                  team: %1$s-core
                  email: %1$s-core@example.com
                tags: [orders, revenue]
                classification: internal
                outputPorts:
                  - topic: %1$s.orders.v%3$d
                    schema: order.avsc
                    partitions: 3
                    retention: 7d
                inputPorts:
                  - topic: %1$s.raw-orders
                slos:
                  freshness: 5m
                """
                .formatted(domain, version, major);
    }

    static Map<String, Object> declaration(String domain, String version, String schema) {
        int major = Integer.parseInt(version.substring(0, 1));
        return Map.of(
                "descriptor", descriptor(domain, version),
                "schemas", Map.of(domain + ".orders.v" + major + "-value", schema));
    }

    @Test
    void shouldTakeAProductFromDeclarationThroughBreakingChangeToRetirement(
            EmbeddedKafkaBroker broker, TestTopics topics) {
        String domain = PlatformUnderTest.uniqueDomain("sales");
        String id = domain + ".orders";
        try (PlatformUnderTest platform = new PlatformUnderTest(broker, Map.of())) {
            // declare: DRAFT, with a DECLARE decision in the audit trail
            PlatformUnderTest.Reply declared = platform.post("api/v1/products", declaration(domain, "1.0.0", ORDER_V1));
            assertThat(declared.status()).as(declared.toString()).isEqualTo(201);
            assertThat(declared.json().at("/summary/status").asText()).isEqualTo("DRAFT");
            await().untilAsserted(() -> assertThat(platform.get("api/v1/products/" + id + "/audit")
                            .json()
                            .path("decisions"))
                    .anySatisfy(d -> assertThat(d.path("action").asText()).isEqualTo("DECLARE")));

            // publish 1.0.0: ACTIVE, topic and registry subject provisioned
            PlatformUnderTest.Reply published =
                    platform.post("api/v1/products/" + id + "/publications", Map.of("version", "1.0.0"));
            assertThat(published.status()).as(published.toString()).isEqualTo(200);
            assertThat(published.json().path("verdict").asText()).startsWith("ALLOWED");
            JsonNode product = platform.get("api/v1/products/" + id).json();
            assertThat(product.at("/lines/0/status").asText()).isEqualTo("ACTIVE");
            assertThat(product.at("/lines/0/activeVersion").asText()).isEqualTo("1.0.0");
            assertThat(product.at("/lines/0/partitions").asInt()).isEqualTo(3);
            assertThat(platform.get("subjects/" + id + ".v1-value/versions").json())
                    .hasSize(1);
            assertThat(platform.get("config/" + id + ".v1-value")
                            .json()
                            .path("compatibilityLevel")
                            .asText())
                    .isEqualTo("FULL_TRANSITIVE");
            assertThat(topics.admin().listTopics().names())
                    .succeedsWithin(java.time.Duration.ofSeconds(10))
                    .satisfies(names -> assertThat(names).contains(id + ".v1", id + ".v1.dlq"));

            // evolve compatibly: 1.1.0 adds an optional field
            assertThat(platform.post("api/v1/products", declaration(domain, "1.1.0", ORDER_V1_1))
                            .status())
                    .isEqualTo(201);
            PlatformUnderTest.Reply evolved =
                    platform.post("api/v1/products/" + id + "/publications", Map.of("version", "1.1.0"));
            assertThat(evolved.status()).as(evolved.toString()).isEqualTo(200);
            assertThat(evolved.json().path("changes")).anySatisfy(c -> {
                assertThat(c.path("path").asText()).isEqualTo("discountCode");
                assertThat(c.path("kind").asText()).isEqualTo("FIELD_ADDED");
                assertThat(c.path("classification").asText()).isNotEqualTo("BREAKING");
            });
            assertThat(platform.get("api/v1/products/" + id)
                            .json()
                            .at("/lines/0/activeVersion")
                            .asText())
                    .isEqualTo("1.1.0");
            assertThat(platform.get("subjects/" + id + ".v1-value/versions").json())
                    .hasSize(2);
            JsonNode changelog =
                    platform.get("api/v1/products/" + id + "/changelog").json();
            assertThat(changelog.path("from").asText()).isEqualTo("1.0.0");
            assertThat(changelog.path("breaking").asBoolean()).isFalse();

            // a breaking change within v1 is refused, with the changelog in the verdict
            assertThat(platform.post("api/v1/products", declaration(domain, "1.2.0", ORDER_BREAKING))
                            .status())
                    .isEqualTo(201);
            PlatformUnderTest.Reply refused =
                    platform.post("api/v1/products/" + id + "/publications", Map.of("version", "1.2.0"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            JsonNode verdict = refused.json().path("details");
            assertThat(verdict.path("verdict").asText()).isEqualTo("DENIED");
            assertThat(verdict.path("changes")).anySatisfy(c -> {
                assertThat(c.path("path").asText()).isEqualTo("amount");
                assertThat(c.path("classification").asText()).isEqualTo("BREAKING");
                assertThat(c.path("description").asText()).contains("double").contains("string");
            });
            assertThat(verdict.path("results")).anySatisfy(r -> {
                assertThat(r.path("outcome").asText()).isEqualTo("FAILED");
                assertThat(r.path("severity").asText()).isEqualTo("BLOCKER");
                assertThat(r.path("fix").asText()).contains(id + ".v2");
            });
            product = platform.get("api/v1/products/" + id).json();
            assertThat(product.at("/lines/0/status").asText()).isEqualTo("ACTIVE");
            assertThat(product.at("/lines/0/activeVersion").asText()).isEqualTo("1.1.0");
            assertThat(product.path("versions")).anySatisfy(v -> {
                assertThat(v.path("version").asText()).isEqualTo("1.2.0");
                assertThat(v.path("status").asText()).isEqualTo("REJECTED");
            });
            assertThat(platform.get("subjects/" + id + ".v1-value/versions").json())
                    .as("nothing registered")
                    .hasSize(2);

            // shipped as v2 on a new topic
            assertThat(platform.post("api/v1/products", declaration(domain, "2.0.0", ORDER_BREAKING))
                            .status())
                    .isEqualTo(201);
            PlatformUnderTest.Reply v2 =
                    platform.post("api/v1/products/" + id + "/publications", Map.of("version", "2.0.0"));
            assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
            assertThat(platform.get("subjects/" + id + ".v2-value/versions").json())
                    .hasSize(1);

            // a consumer subscribes to v2 (internal: granted at once)
            PlatformUnderTest.Reply subscribed = platform.post(
                    "api/v1/subscriptions",
                    Map.of("product", id, "major", 2, "consumer", "User:finance", "purpose", "daily revenue per shop"));
            assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
            assertThat(subscribed.json().path("status").asText()).isEqualTo("GRANTED");

            // v1 deprecated then retired
            PlatformUnderTest.Reply deprecated = platform.post(
                    "api/v1/products/" + id + "/deprecations",
                    Map.of(
                            "major",
                            1,
                            "sunsetDate",
                            LocalDate.now().plusDays(90).toString(),
                            "successor",
                            id + ".v2",
                            "reason",
                            "amount is now a decimal string"));
            assertThat(deprecated.status()).as(deprecated.toString()).isEqualTo(200);
            assertThat(deprecated.json().at("/lines/0/status").asText()).isEqualTo("DEPRECATED");
            assertThat(deprecated.json().at("/lines/0/deprecation/successor").asText())
                    .isEqualTo(id + ".v2");
            PlatformUnderTest.Reply retired = platform.post(
                    "api/v1/products/" + id + "/retirements", Map.of("major", 1, "reason", "everyone moved to v2"));
            assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
            assertThat(retired.json().at("/lines/0/status").asText()).isEqualTo("RETIRED");
            assertThat(retired.json().at("/lines/1/status").asText()).isEqualTo("ACTIVE");

            // a retired major takes no new version, neither through the catalog nor through the registry
            PlatformUnderTest.Reply onRetired =
                    platform.post("api/v1/products", declaration(domain, "1.3.0", ORDER_V1_1));
            assertThat(onRetired.status()).as(onRetired.toString()).isEqualTo(409);
            assertThat(onRetired.json().path("message").asText()).contains("retired");
            PlatformUnderTest.Reply plainClient = platform.send(java.net.http.HttpRequest.newBuilder(
                            platform.uri().resolve("subjects/" + id + ".v1-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(PlatformUnderTest.JSON
                            .createObjectNode()
                            .put("schema", ORDER_V1_1.replace("Voucher used", "Voucher code used"))
                            .toString())));
            assertThat(plainClient.status()).as(plainClient.toString()).isEqualTo(422);
            assertThat(plainClient.json().path("message").asText()).contains("lifecycle.retired");

            // the audit trail holds every decision: declarations, publications (one denied), registrations
            JsonNode audit = platform.get("api/v1/products/" + id + "/audit").json();
            List<String> actions = audit.path("decisions").findValuesAsText("action");
            assertThat(actions).contains("DECLARE", "PUBLISH", "REGISTER_SCHEMA");
            assertThat(audit.path("decisions").findValuesAsText("verdict")).contains("DENIED");
            assertThat(audit.path("events").findValuesAsText("kind"))
                    .contains(
                            "ProductDeclared",
                            "PublicationRequested",
                            "ProductPublished",
                            "ProductRejected",
                            "ProductDeprecated",
                            "ProductRetired");

            // lineage: the raw source feeds both majors, the consumer reads v2
            JsonNode lineage =
                    platform.get("api/v1/products/" + id + "/lineage").json();
            assertThat(lineage.path("edges").toString())
                    .contains("topic:" + domain + ".raw-orders")
                    .contains("consumer:User:finance");

            // a restarted platform rebuilds the same catalog from the topics
            JsonNode before = platform.get("api/v1/catalog").json();
            platform.restart();
            JsonNode after = platform.get("api/v1/catalog").json();
            assertThat(after.path("stateHash").asText())
                    .isEqualTo(before.path("stateHash").asText());
            assertThat(platform.get("api/v1/products/" + id)
                            .json()
                            .at("/lines/1/activeVersion")
                            .asText())
                    .isEqualTo("2.0.0");
            assertThat(platform.get("api/v1/search?q=" + PlatformUnderTest.query("discount voucher"))
                            .json()
                            .path("items"))
                    .anySatisfy(h -> assertThat(h.at("/product/id").asText()).isEqualTo(id));
        }
    }
}
