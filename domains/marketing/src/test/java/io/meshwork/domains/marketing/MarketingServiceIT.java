package io.meshwork.domains.marketing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.domains.sales.v2.Channel;
import io.meshwork.domains.sales.v2.Currency;
import io.meshwork.domains.sales.v2.Order;
import io.meshwork.domains.sales.v2.OrderLine;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.sdk.serde.MeshAvroSerdeConfig;
import io.meshwork.sdk.serde.MeshAvroSerializer;
import io.meshwork.sdk.service.DeadLetters;
import io.meshwork.sdk.service.MeshService;
import io.meshwork.sdk.simulation.SourceSimulator;
import io.meshwork.testkit.MeshUnderTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedKafkaExtension.class)
class MarketingServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path state;

    @Test
    void shouldDeriveSegmentsFromTheUpstreamProductAndShowTheLineage(EmbeddedKafkaBroker broker) throws Exception {
        try (MeshUnderTest mesh = MeshUnderTest.start(broker)) {
            publishUpstream(mesh);
            try (MeshService service =
                    MarketingService.service(mesh.serviceConfig(state)).build().start()) {
                assertThat(mesh.get("api/v1/products/marketing.customer-segments")
                                .at("/lines/0/status")
                                .asText())
                        .isEqualTo("ACTIVE");
                JsonNode subscriptions = mesh.get("api/v1/subscriptions?product=sales.orders");
                assertThat(subscriptions.path("items")).singleElement().satisfies(s -> {
                    assertThat(s.path("consumer").asText()).isEqualTo(MarketingService.APPLICATION_ID);
                    assertThat(s.path("consumerProductId").asText()).isEqualTo("marketing.customer-segments");
                    assertThat(s.path("major").asInt()).isEqualTo(2);
                    assertThat(s.path("status").asText()).isEqualTo("GRANTED");
                });
                JsonNode lineage = mesh.get("api/v1/products/marketing.customer-segments/lineage");
                assertThat(lineage.path("edges"))
                        .anySatisfy(e -> {
                            assertThat(e.path("from").asText()).isEqualTo("sales.orders.v2");
                            assertThat(e.path("to").asText()).isEqualTo("marketing.customer-segments.v1");
                            assertThat(e.path("kind").asText()).isEqualTo("input");
                        })
                        .anySatisfy(e -> {
                            assertThat(e.path("from").asText()).isEqualTo("sales.orders.v2");
                            assertThat(e.path("kind").asText()).isEqualTo("subscription");
                        })
                        .anySatisfy(e -> assertThat(e.path("from").asText())
                                .isEqualTo("topic:" + SegmentationPipeline.WEB_EVENTS));

                try (KafkaProducer<String, Order> producer = upstreamProducer(mesh)) {
                    for (int i = 1; i <= 30; i++) {
                        String customer = String.format("c-%05d", 1 + i % 10);
                        producer.send(new ProducerRecord<>("sales.orders.v2", "o-" + i, order("o-" + i, customer)));
                    }
                }
                SourceSimulator.Counts sent = SourceSimulator.builder(
                                SegmentationPipeline.WEB_EVENTS, new WebEventSimulator(0.05, 0.3, 3))
                        .bootstrapServers(broker.bootstrapServers())
                        .ratePerSecond(0)
                        .limit(300)
                        .build()
                        .run();

                assertThat(mesh.readCommitted(
                                DeadLetters.topicFor(SegmentationPipeline.SEGMENTS),
                                Duration.ofSeconds(3),
                                Duration.ofSeconds(60)))
                        .hasSize((int) sent.malformed());
                assertThat(mesh.readCommitted(
                                SegmentationPipeline.SEGMENTS, Duration.ofSeconds(3), Duration.ofSeconds(60)))
                        .isNotEmpty();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode instance = mesh.get("api/v1/products/marketing.customer-segments")
                            .at("/lines/0/instances/0");
                    assertThat(instance.path("recordsDeadLettered").asLong()).isEqualTo(sent.malformed());
                    assertThat(instance.path("recordsOut").asLong()).isPositive();
                    assertThat(instance.path("recordsIn").asLong()).isEqualTo(30 + sent.total());
                });
            }
        }
    }

    /** Publishes sales.orders 2.0.0 from its published descriptor and schema, as the sales team's service does. */
    private static void publishUpstream(MeshUnderTest mesh) throws IOException, InterruptedException {
        String descriptor = resource("upstream/sales.orders/2.0.0/dataproduct.yaml");
        String schema = resource("upstream/sales.orders/2.0.0/order.avsc");
        HttpClient http = HttpClient.newHttpClient();
        String body = JSON.writeValueAsString(
                Map.of("descriptor", descriptor, "schemas", Map.of("sales.orders.v2-value", schema)));
        HttpResponse<String> declared = http.send(
                HttpRequest.newBuilder(mesh.uri().resolve("api/v1/products"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        HttpResponse<String> published = http.send(
                HttpRequest.newBuilder(mesh.uri().resolve("api/v1/products/sales.orders/publications"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"version\": \"2.0.0\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    }

    private static KafkaProducer<String, Order> upstreamProducer(MeshUnderTest mesh) {
        MeshAvroSerializer<Order> values = new MeshAvroSerializer<>();
        values.configure(
                Map.of(
                        MeshAvroSerdeConfig.SCHEMA_REGISTRY_URL, mesh.uri().toString(),
                        MeshAvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                        MeshAvroSerdeConfig.REMOVE_JAVA_PROPERTIES, true),
                false);
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, mesh.bootstrapServers()),
                new StringSerializer(),
                values);
    }

    private static Order order(String id, String customer) {
        BigDecimal price = new BigDecimal("25.00");
        return Order.newBuilder()
                .setOrderId(id)
                .setCustomerId(customer)
                .setCustomerEmail(customer + "@example.com")
                .setTotal(price)
                .setCurrency(Currency.EUR)
                .setChannel(Channel.WEB)
                .setLines(List.of(OrderLine.newBuilder()
                        .setSku("SKU-00001")
                        .setQuantity(1)
                        .setUnitPrice(price)
                        .build()))
                .setPlacedAt(Instant.now())
                .build();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MarketingServiceIT.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
