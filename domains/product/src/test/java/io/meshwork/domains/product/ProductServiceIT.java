package io.meshwork.domains.product;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.sdk.service.DeadLetters;
import io.meshwork.sdk.service.MeshService;
import io.meshwork.sdk.simulation.SourceSimulator;
import io.meshwork.testkit.MeshUnderTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedKafkaExtension.class)
class ProductServiceIT {
    @TempDir
    Path state;

    @Test
    void shouldPublishTheCompatibleEvolutionAndCountSimulatedUsageIntoIt(EmbeddedKafkaBroker broker) {
        try (MeshUnderTest mesh = MeshUnderTest.start(broker)) {
            try (MeshService service =
                    ProductService.service(mesh.serviceConfig(state)).build().start()) {
                JsonNode product = mesh.get("api/v1/products/product.feature-usage");
                assertThat(product.path("versions"))
                        .extracting(v -> v.path("version").asText() + "="
                                + v.path("status").asText())
                        .containsExactlyInAnyOrder("1.0.0=PUBLISHED", "1.1.0=PUBLISHED");
                JsonNode v1 = mesh.line("product.feature-usage", 1);
                assertThat(v1.path("status").asText()).isEqualTo("ACTIVE");
                assertThat(v1.path("activeVersion").asText()).isEqualTo("1.1.0");
                // the compatible evolution is two versions of one subject, on one topic
                JsonNode versions = mesh.get("subjects/product.feature-usage.v1-value/versions");
                assertThat(versions).hasSize(2);
                assertThat(mesh.get("subjects/product.feature-usage.v1-value/versions/latest")
                                .path("schema")
                                .asText())
                        .contains("\"platforms\"");
                assertThat(mesh.get("config/product.feature-usage.v1-value")
                                .path("compatibilityLevel")
                                .asText())
                        .isEqualTo("FULL_TRANSITIVE");

                SourceSimulator.Counts sent = SourceSimulator.builder(
                                UsagePipeline.RAW_USAGE_EVENTS, new UsageEventSimulator(0.05, 0.03, 5))
                        .bootstrapServers(broker.bootstrapServers())
                        .ratePerSecond(0)
                        .limit(400)
                        .build()
                        .run();
                assertThat(sent.total()).isEqualTo(400);
                assertThat(sent.malformed()).isPositive();
                assertThat(sent.rejected()).isPositive();

                // the heartbeats count what the service has processed; then the topics hold it, committed
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    JsonNode instance = mesh.line("product.feature-usage", 1)
                            .path("instances")
                            .get(0);
                    assertThat(instance).isNotNull();
                    assertThat(instance.path("applicationId").asText()).isEqualTo(ProductService.APPLICATION_ID);
                    assertThat(instance.path("recordsIn").asLong()).isEqualTo(sent.total());
                    assertThat(instance.path("recordsOut").asLong()).isEqualTo(sent.valid());
                    assertThat(instance.path("recordsDeadLettered").asLong())
                            .isEqualTo(sent.malformed() + sent.rejected());
                });
                // one update of its hour per valid event; every other record is a dead letter
                assertThat(read(mesh, UsagePipeline.FEATURE_USAGE_V1)).hasSize((int) sent.valid());
                List<ConsumerRecord<byte[], byte[]>> dead =
                        read(mesh, DeadLetters.topicFor(UsagePipeline.FEATURE_USAGE_V1));
                assertThat(dead).hasSize((int) (sent.malformed() + sent.rejected()));

                assertThat(mesh.get("api/v1/products/product.feature-usage")
                                .at("/slo/freshness")
                                .asText())
                        .isEqualTo("MET");
                assertThat(service.isHealthy()).isTrue();
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(MeshUnderTest mesh, String topic) {
        return mesh.readCommitted(topic, Duration.ofSeconds(3), Duration.ofSeconds(60));
    }
}
