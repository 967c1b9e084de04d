package io.meshwork.domains.sales;

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
class SalesServiceIT {
    @TempDir
    Path state;

    @Test
    void shouldPublishTheReleaseHistoryAndCleanSimulatedOrdersIntoBothMajorVersions(EmbeddedKafkaBroker broker) {
        try (MeshUnderTest mesh = MeshUnderTest.start(broker)) {
            try (MeshService service =
                    SalesService.service(mesh.serviceConfig(state)).build().start()) {
                JsonNode product = mesh.get("api/v1/products/sales.orders");
                assertThat(product.path("versions"))
                        .extracting(v -> v.path("version").asText() + "="
                                + v.path("status").asText())
                        .containsExactlyInAnyOrder("1.0.0=PUBLISHED", "1.1.0=PUBLISHED", "2.0.0=PUBLISHED");
                JsonNode v1 = mesh.line("sales.orders", 1);
                JsonNode v2 = mesh.line("sales.orders", 2);
                assertThat(v1.path("status").asText()).isEqualTo("DEPRECATED");
                assertThat(v1.path("activeVersion").asText()).isEqualTo("1.1.0");
                assertThat(v1.at("/deprecation/successor").asText()).isEqualTo("sales.orders.v2");
                assertThat(v1.at("/deprecation/sunsetDate").asText()).isEqualTo("2029-06-30");
                assertThat(v2.path("status").asText()).isEqualTo("ACTIVE");
                // the compatible evolution within v1 is two versions of one subject; the breaking change a new one
                assertThat(mesh.get("subjects/sales.orders.v1-value/versions")).hasSize(2);
                assertThat(mesh.get("subjects/sales.orders.v2-value/versions")).hasSize(1);
                assertThat(mesh.get("config/sales.orders.v1-value")
                                .path("compatibilityLevel")
                                .asText())
                        .isEqualTo("FULL_TRANSITIVE");

                SourceSimulator.Counts sent = SourceSimulator.builder(
                                OrderPipeline.RAW_ORDERS, new OrderSimulator(0.05, 0.03, 5))
                        .bootstrapServers(broker.bootstrapServers())
                        .ratePerSecond(0)
                        .limit(400)
                        .build()
                        .run();
                assertThat(sent.total()).isEqualTo(400);
                assertThat(sent.malformed()).isPositive();
                assertThat(sent.rejected()).isPositive();

                assertThat(read(mesh, OrderPipeline.ORDERS_V2, sent.valid())).hasSize((int) sent.valid());
                assertThat(read(mesh, OrderPipeline.ORDERS_V1, sent.valid())).hasSize((int) sent.valid());
                long v2Dead = sent.malformed() + sent.rejected();
                assertThat(read(mesh, DeadLetters.topicFor(OrderPipeline.ORDERS_V2), v2Dead))
                        .hasSize((int) v2Dead);
                assertThat(read(mesh, DeadLetters.topicFor(OrderPipeline.ORDERS_V1), sent.rejected()))
                        .hasSize((int) sent.rejected());
                assertThat(service.isHealthy()).isTrue();

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode instance =
                            mesh.line("sales.orders", 2).path("instances").get(0);
                    assertThat(instance).isNotNull();
                    assertThat(instance.path("applicationId").asText()).isEqualTo(SalesService.APPLICATION_ID);
                    assertThat(instance.path("recordsOut").asLong()).isEqualTo(sent.valid());
                    assertThat(instance.path("recordsDeadLettered").asLong())
                            .isEqualTo(sent.malformed() + sent.rejected());
                });
                assertThat(mesh.get("api/v1/products/sales.orders")
                                .at("/slo/freshness")
                                .asText())
                        .isEqualTo("MET");
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(MeshUnderTest mesh, String topic, long expected) {
        return mesh.readCommitted(topic, expected, Duration.ofSeconds(60));
    }
}
