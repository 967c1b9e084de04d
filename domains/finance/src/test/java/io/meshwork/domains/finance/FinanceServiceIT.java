package io.meshwork.domains.finance;

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
class FinanceServiceIT {
    @TempDir
    Path state;

    @Test
    void shouldPublishDailyRevenueAndSumSimulatedPaymentsIntoIt(EmbeddedKafkaBroker broker) {
        try (MeshUnderTest mesh = MeshUnderTest.start(broker)) {
            try (MeshService service =
                    FinanceService.service(mesh.serviceConfig(state)).build().start()) {
                JsonNode product = mesh.get("api/v1/products/finance.daily-revenue");
                assertThat(product.path("versions"))
                        .extracting(v -> v.path("version").asText() + "="
                                + v.path("status").asText())
                        .containsExactly("1.0.0=PUBLISHED");
                JsonNode v1 = mesh.line("finance.daily-revenue", 1);
                assertThat(v1.path("status").asText()).isEqualTo("ACTIVE");
                assertThat(v1.path("activeVersion").asText()).isEqualTo("1.0.0");
                assertThat(mesh.get("subjects/finance.daily-revenue.v1-value/versions"))
                        .hasSize(1);
                assertThat(mesh.get("config/finance.daily-revenue.v1-value")
                                .path("compatibilityLevel")
                                .asText())
                        .isEqualTo("FULL_TRANSITIVE");

                SourceSimulator.Counts sent = SourceSimulator.builder(
                                RevenuePipeline.RAW_PAYMENTS, new PaymentSimulator(0.05, 0.03, 5))
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
                    JsonNode instance = mesh.line("finance.daily-revenue", 1)
                            .path("instances")
                            .get(0);
                    assertThat(instance).isNotNull();
                    assertThat(instance.path("applicationId").asText()).isEqualTo(FinanceService.APPLICATION_ID);
                    assertThat(instance.path("recordsIn").asLong()).isEqualTo(sent.total());
                    assertThat(instance.path("recordsOut").asLong()).isEqualTo(sent.valid());
                    assertThat(instance.path("recordsDeadLettered").asLong())
                            .isEqualTo(sent.malformed() + sent.rejected());
                });
                // one update of its day per valid payment; every other record is a dead letter
                assertThat(read(mesh, RevenuePipeline.DAILY_REVENUE_V1)).hasSize((int) sent.valid());
                List<ConsumerRecord<byte[], byte[]>> dead =
                        read(mesh, DeadLetters.topicFor(RevenuePipeline.DAILY_REVENUE_V1));
                assertThat(dead).hasSize((int) (sent.malformed() + sent.rejected()));

                assertThat(mesh.get("api/v1/products/finance.daily-revenue")
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
