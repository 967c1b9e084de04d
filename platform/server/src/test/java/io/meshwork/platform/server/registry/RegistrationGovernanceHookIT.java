package io.meshwork.platform.server.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.kafka.embedded.TestTopics;
import io.meshwork.platform.server.PlatformServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The governance hook inside registration, with the {@code docs.every-field} policy raised to a blocker. */
@ExtendWith(EmbeddedKafkaExtension.class)
class RegistrationGovernanceHookIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRefuseAnUndocumentedFieldWith422AndAMeshworkErrorCodeNamingThePolicyAndTheFix(
            EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
        try (PlatformServer server = start(broker, topics, true)) {
            HttpResponse<String> refused = register(
                    server.uri(),
                    "sales.orders.v1-value",
                    "{\"type\":\"record\",\"name\":\"Order\",\"doc\":\"an order\",\"fields\":["
                            + "{\"name\":\"id\",\"type\":\"string\",\"doc\":\"order id\"},"
                            + "{\"name\":\"amount\",\"type\":\"double\"}]}");

            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
            JsonNode error = JSON.readTree(refused.body());
            assertThat(error.path("error_code").asInt()).isEqualTo(42291);
            assertThat(error.path("message").asText())
                    .contains("docs.every-field")
                    .contains("field 'amount'")
                    .contains("add a \"doc\"");
            HttpResponse<String> subjects = http.send(
                    HttpRequest.newBuilder(server.uri().resolve("subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(subjects.body()).toString())
                    .as("nothing was registered under the product's subject")
                    .doesNotContain("sales.orders.v1-value");
        }
    }

    @Test
    void shouldRegisterADocumentedSchemaUnderThePolicy(EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
        try (PlatformServer server = start(broker, topics, true)) {
            HttpResponse<String> accepted = register(
                    server.uri(),
                    "sales.orders.v1-value",
                    "{\"type\":\"record\",\"name\":\"Order\",\"doc\":\"an order\",\"fields\":["
                            + "{\"name\":\"id\",\"type\":\"string\",\"doc\":\"order id\"},"
                            + "{\"name\":\"line\",\"type\":{\"type\":\"record\",\"name\":\"Line\",\"doc\":\"an order line\",\"fields\":["
                            + "{\"name\":\"sku\",\"type\":\"string\",\"doc\":\"stock keeping unit\"}]},"
                            + "\"doc\":\"the order line\"}]}");

            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(accepted.body()).path("id").asInt()).isPositive();
        }
    }

    @Test
    void shouldFindUndocumentedFieldsInNestedRecords(EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
        try (PlatformServer server = start(broker, topics, true)) {
            HttpResponse<String> refused = register(
                    server.uri(),
                    "sales.orders.v1-value",
                    "{\"type\":\"record\",\"name\":\"Order\",\"doc\":\"an order\",\"fields\":["
                            + "{\"name\":\"lines\",\"doc\":\"lines\",\"type\":{\"type\":\"array\",\"items\":"
                            + "{\"type\":\"record\",\"name\":\"Line\",\"doc\":\"an order line\",\"fields\":[{\"name\":\"sku\",\"type\":\"string\"}]}}}]}");

            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("field 'lines.sku'");
        }
    }

    @Test
    void shouldNotApplyThePolicyWhenItIsSwitchedOff(EmbeddedKafkaBroker broker, TestTopics topics) throws Exception {
        try (PlatformServer server = start(broker, topics, false)) {
            HttpResponse<String> accepted = register(
                    server.uri(),
                    "plain-value",
                    "{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");

            assertThat(accepted.statusCode()).isEqualTo(200);
        }
    }

    private static PlatformServer start(EmbeddedKafkaBroker broker, TestTopics topics, boolean requireDocs) {
        return PlatformServer.start(Map.of(
                "meshwork.kafka.bootstrap-servers", broker.bootstrapServers(),
                "meshwork.registry.topic", topics.uniqueName("_mesh.registry"),
                "meshwork.catalog.lifecycle-topic", topics.uniqueName("mesh.lifecycle"),
                "meshwork.catalog.governance-topic", topics.uniqueName("mesh.governance"),
                "meshwork.governance.policies.docs.every-field.severity", requireDocs ? "blocker" : "warning"));
    }

    private HttpResponse<String> register(URI base, String subject, String schema) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve("subjects/" + subject + "/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
