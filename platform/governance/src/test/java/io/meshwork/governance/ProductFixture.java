package io.meshwork.governance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.meshwork.descriptor.Classification;
import io.meshwork.descriptor.Deprecation;
import io.meshwork.descriptor.OutputPort;
import io.meshwork.descriptor.ParsedDescriptor;
import io.meshwork.descriptor.PolicySeverity;
import io.meshwork.descriptor.ProductDescriptor;
import io.meshwork.descriptor.SchemaSource;
import io.meshwork.schemas.common.Actor;
import io.meshwork.schemas.common.ActorKind;
import org.apache.avro.Schema;

/**
 * Builds descriptors and schemas for the tests with the record constructors: a valid {@code sales.orders} 1.2.0 by
 * default, changed one field at a time.
 */
final class ProductFixture {
    static final String SUBJECT = "sales.orders.v1-value";
    static final Actor DOMAIN = new Actor("User:sales-order-pipeline", ActorKind.DOMAIN);

    /** Every field and type documented; {@code customer.email} is personal data. */
    static final String ORDER_V1 =
            """
            {"type": "record", "name": "Order", "namespace": "sales", "doc": "A confirmed order.", "fields": [
              {"name": "orderId", "type": "string", "doc": "Order id, unique per shop."},
              {"name": "customer", "doc": "Who ordered.", "type": {
                "type": "record", "name": "Customer", "doc": "A customer of the shop.", "fields": [
                  {"name": "id", "type": "string", "doc": "Customer id."},
                  {"name": "email", "type": "string", "doc": "Contact address."}]}},
              {"name": "amount", "type": "double", "doc": "Total in EUR."}]}
            """;

    /** {@link #ORDER_V1} plus an optional field with a default: compatible. */
    static final String ORDER_V1_WITH_COUPON = ORDER_V1.replace(
            "{\"name\": \"amount\", \"type\": \"double\", \"doc\": \"Total in EUR.\"}",
            "{\"name\": \"amount\", \"type\": \"double\", \"doc\": \"Total in EUR.\"},"
                    + " {\"name\": \"coupon\", \"type\": [\"null\", \"string\"], \"default\": null,"
                    + " \"doc\": \"Coupon code used, if any.\"}");

    /** {@link #ORDER_V1} with {@code amount} changed to a string: breaking. */
    static final String ORDER_V1_AMOUNT_AS_STRING = ORDER_V1.replace(
            "\"name\": \"amount\", \"type\": \"double\"", "\"name\": \"amount\", \"type\": \"string\"");

    /** {@link #ORDER_V1} without the doc of the nested {@code customer.email} field. */
    static final String ORDER_V1_UNDOCUMENTED_EMAIL = ORDER_V1.replace(", \"doc\": \"Contact address.\"", "");

    private ProductFixture() {}

    static Schema schema(String json) {
        return new Schema.Parser().parse(json);
    }

    static Map<String, Schema> schemas(String json) {
        return Map.of(SUBJECT, schema(json));
    }

    static Builder product() {
        return new Builder();
    }

    /** Facts of a product whose v1 is ACTIVE at {@code activeVersion}. */
    static ProductFacts activeV1(String activeVersion) {
        return ProductFacts.of(Map.of(1, "ACTIVE"), Map.of(1, activeVersion), "internal");
    }

    static final class Builder {
        private String id = "sales.orders";
        private String version = "1.2.0";
        private String domain = "sales";
        private String description = "All confirmed orders of the web shop, one record per order.";
        private ProductDescriptor.Owner owner = new ProductDescriptor.Owner("sales-team", "sales@example.com");
        private Classification classification = Classification.INTERNAL;
        private final List<OutputPort> ports = new ArrayList<>();
        private String topic = "sales.orders.v1";
        private Integer partitions = 6;
        private Duration retention = Duration.ofDays(7);
        private String compatibility;
        private Map<String, List<String>> fieldTags = Map.of("customer.email", List.of("pii"));
        private Deprecation deprecation;
        private final Map<String, PolicySeverity> policies = new LinkedHashMap<>();
        private final Map<String, Integer> lines = new HashMap<>(Map.of(
                "id", 1,
                "version", 2,
                "domain", 3,
                "description", 5,
                "owner", 6,
                "classification", 9,
                "outputPorts", 10,
                "outputPorts[0].topic", 11,
                "outputPorts[0].partitions", 14,
                "outputPorts[0].retention", 15));

        Builder id(String value) {
            id = value;
            return this;
        }

        Builder version(String value) {
            version = value;
            return this;
        }

        Builder domain(String value) {
            domain = value;
            return this;
        }

        Builder description(String value) {
            description = value;
            return this;
        }

        Builder owner(ProductDescriptor.Owner value) {
            owner = value;
            return this;
        }

        Builder classification(Classification value) {
            classification = value;
            return this;
        }

        Builder topic(String value) {
            topic = value;
            return this;
        }

        Builder partitions(Integer value) {
            partitions = value;
            return this;
        }

        Builder retention(Duration value) {
            retention = value;
            return this;
        }

        Builder compatibility(String value) {
            compatibility = value;
            return this;
        }

        Builder fieldTags(Map<String, List<String>> value) {
            fieldTags = value;
            return this;
        }

        /** Adds a port besides the main one. */
        Builder extraPort(String portTopic) {
            ports.add(new OutputPort(portTopic, SchemaSource.ofPath("other.avsc"), null, 3, null, null, Map.of()));
            return this;
        }

        Builder deprecation(Deprecation value) {
            deprecation = value;
            return this;
        }

        Builder policy(String policyId, PolicySeverity severity) {
            policies.put(policyId, severity);
            lines.put("policies." + policyId, 20 + policies.size());
            return this;
        }

        ProductDescriptor build() {
            List<OutputPort> all = new ArrayList<>();
            all.add(new OutputPort(
                    topic, SchemaSource.ofPath("order.avsc"), null, partitions, retention, compatibility, fieldTags));
            all.addAll(ports);
            return new ProductDescriptor(
                    id,
                    version,
                    domain,
                    "Orders",
                    description,
                    owner,
                    null,
                    List.of("orders"),
                    classification,
                    all,
                    List.of(),
                    null,
                    List.of(),
                    null,
                    deprecation,
                    policies);
        }

        ParsedDescriptor parsed() {
            return new ParsedDescriptor(build(), "dataproduct.yaml", lines);
        }
    }
}
