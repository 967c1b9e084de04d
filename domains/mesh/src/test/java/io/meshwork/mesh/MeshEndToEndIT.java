package io.meshwork.mesh;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.sdk.service.DeadLetters;
import io.meshwork.sdk.service.MeshService;
import io.meshwork.sdk.service.ProductRelease;
import io.meshwork.sdk.simulation.SourceSimulator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole mesh, as {@code ./meshctl dev} runs it: the broker, the platform and every example domain service. Each
 * source gets a known amount of simulated traffic; then every product is active, has records, and its dead-letter
 * topic holds exactly the records its source sent that were meant to fail.
 */
class MeshEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path data;

    private static EmbeddedMesh mesh;
    private static final Map<String, SourceSimulator.Counts> sent = new LinkedHashMap<>();

    @BeforeAll
    static void startTheMeshAndSendTraffic() {
        MeshOptions options = MeshOptions.defaults().with(o -> {
            o.dataDir = data;
            o.kafkaPort = 0;
            o.controllerPort = 0;
            o.platformPort = 0;
            o.firstServicePort = 0;
            o.simulate = false;
            o.heartbeatInterval = Duration.ofMillis(500);
        });
        mesh = EmbeddedMesh.start(options);
        for (EmbeddedMesh.Domain d : EmbeddedMesh.DOMAINS) {
            sent.put(
                    d.sourceTopic(),
                    SourceSimulator.builder(d.sourceTopic(), d.traffic().get())
                            .bootstrapServers(mesh.bootstrapServers())
                            .ratePerSecond(0)
                            .limit(600)
                            .seed(99)
                            .build()
                            .run());
        }
    }

    @AfterAll
    static void stopTheMesh() {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void shouldMakeEveryExampleProductActive() {
        for (MeshService service : mesh.services()) {
            for (ProductRelease release : service.liveReleases()) {
                JsonNode line = line(release.productId(), release.major());
                boolean superseded = service.liveReleases().stream()
                        .anyMatch(o -> o.productId().equals(release.productId()) && o.major() > release.major());
                assertThat(line.path("status").asText())
                        .as(release.productId() + " v" + release.major())
                        .isEqualTo(superseded ? "DEPRECATED" : "ACTIVE");
            }
        }
        assertThat(mesh.services()).hasSize(4);
        assertThat(mesh.services())
                .extracting(MeshService::applicationId)
                .containsExactly(
                        "sales.order-pipeline",
                        "marketing.segmentation",
                        "finance.revenue-pipeline",
                        "product.usage-stats");
    }

    @Test
    void shouldFillEveryProductTopic() {
        for (MeshService service : mesh.services()) {
            for (ProductRelease release : service.liveReleases()) {
                String topic = release.descriptor().outputPorts().get(0).topic();
                assertThat(read(topic, 1)).as(topic).isNotEmpty();
            }
        }
    }

    @Test
    void shouldDeadLetterExactlyTheRecordsMeantToFail() {
        SourceSimulator.Counts orders = sent.get("sales.raw-orders");
        assertThat(orders.malformed() + orders.rejected()).isPositive();
        assertThat(read("sales.orders.v2.dlq", orders.malformed() + orders.rejected()))
                .hasSize((int) (orders.malformed() + orders.rejected()));
        assertThat(read("sales.orders.v1.dlq", orders.rejected())).hasSize((int) orders.rejected());
        assertThat(read("sales.orders.v2", orders.valid())).hasSize((int) orders.valid());
        assertThat(read("sales.orders.v1", orders.valid())).hasSize((int) orders.valid());

        SourceSimulator.Counts web = sent.get("marketing.raw-web-events");
        assertThat(web.malformed()).isPositive();
        assertThat(read("marketing.customer-segments.v1.dlq", web.malformed())).hasSize((int) web.malformed());

        SourceSimulator.Counts payments = sent.get("finance.raw-payments");
        assertThat(payments.malformed() + payments.rejected()).isPositive();
        assertThat(read("finance.daily-revenue.v1.dlq", payments.malformed() + payments.rejected()))
                .hasSize((int) (payments.malformed() + payments.rejected()));
        assertThat(read("finance.daily-revenue.v1", payments.valid())).hasSize((int) payments.valid());

        SourceSimulator.Counts usage = sent.get("product.raw-usage-events");
        assertThat(usage.malformed() + usage.rejected()).isPositive();
        assertThat(read("product.feature-usage.v1.dlq", usage.malformed() + usage.rejected()))
                .hasSize((int) (usage.malformed() + usage.rejected()));
        assertThat(read("product.feature-usage.v1", usage.valid())).hasSize((int) usage.valid());

        for (EmbeddedMesh.Domain d : EmbeddedMesh.DOMAINS) {
            SourceSimulator.Counts c = sent.get(d.sourceTopic());
            assertThat(c.total()).as(d.sourceTopic()).isEqualTo(600);
        }
        for (MeshService service : mesh.services()) {
            ProductRelease newest =
                    service.liveReleases().get(service.liveReleases().size() - 1);
            String topic = newest.descriptor().outputPorts().get(0).topic();
            assertThat(read(DeadLetters.topicFor(topic), 1)).allSatisfy(r -> {
                assertThat(r.headers().lastHeader(DeadLetters.CAUSE)).isNotNull();
                assertThat(r.headers().lastHeader(DeadLetters.TOPIC)).isNotNull();
                assertThat(r.headers().lastHeader(DeadLetters.PARTITION)).isNotNull();
                assertThat(r.headers().lastHeader(DeadLetters.OFFSET)).isNotNull();
            });
        }
    }

    @Test
    void shouldShowMarketingDerivedFromSalesInTheLineage() {
        JsonNode lineage = get("api/v1/lineage");
        assertThat(lineage.path("edges"))
                .anySatisfy(e -> {
                    assertThat(e.path("from").asText()).isEqualTo("sales.orders.v2");
                    assertThat(e.path("to").asText()).isEqualTo("marketing.customer-segments.v1");
                    assertThat(e.path("kind").asText()).isEqualTo("input");
                })
                .anySatisfy(e -> {
                    assertThat(e.path("from").asText()).isEqualTo("sales.orders.v2");
                    assertThat(e.path("to").asText()).isEqualTo("marketing.customer-segments.v1");
                    assertThat(e.path("kind").asText()).isEqualTo("subscription");
                })
                .anySatisfy(e -> {
                    assertThat(e.path("from").asText()).isEqualTo("topic:sales.raw-orders");
                    assertThat(e.path("to").asText()).isEqualTo("sales.orders.v2");
                });
        JsonNode consumers = get("api/v1/products/sales.orders").path("consumers");
        assertThat(consumers)
                .anySatisfy(
                        c -> assertThat(c.path("consumerProductId").asText()).isEqualTo("marketing.customer-segments"));
    }

    @Test
    void shouldKeepFreshnessCurrentThroughHeartbeats() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (MeshService service : mesh.services()) {
                for (ProductRelease release : service.liveReleases()) {
                    JsonNode detail = get("api/v1/products/" + release.productId());
                    assertThat(detail.at("/slo/freshness").asText())
                            .as(release.productId())
                            .isEqualTo("MET");
                    JsonNode instance =
                            line(release.productId(), release.major()).at("/instances/0");
                    assertThat(instance.path("state").asText()).isEqualTo("RUNNING");
                    assertThat(instance.path("up").asBoolean()).isTrue();
                }
            }
        });
        String before =
                line("sales.orders", 2).at("/instances/0/newestRecordTime").asText();
        SourceSimulator.builder(
                        "sales.raw-orders",
                        EmbeddedMesh.DOMAINS.get(0).traffic().get())
                .bootstrapServers(mesh.bootstrapServers())
                .ratePerSecond(0)
                .limit(20)
                .seed(5)
                .build()
                .run();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Instant.parse(line("sales.orders", 2)
                        .at("/instances/0/newestRecordTime")
                        .asText()))
                .isAfter(Instant.parse(before)));
    }

    /** Reads until {@code expected} records arrived (or a minute passed), then 2 s more to see one too many. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, long expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, mesh.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long quiet = System.nanoTime();
            while (System.nanoTime() < end
                    && System.nanoTime() - quiet < Duration.ofSeconds(4).toNanos()) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() > before) {
                    quiet = System.nanoTime();
                }
            }
        }
        return records;
    }

    private static JsonNode line(String productId, int major) {
        for (JsonNode l : get("api/v1/products/" + productId).path("lines")) {
            if (l.path("major").asInt() == major) {
                return l;
            }
        }
        throw new AssertionError("no v" + major + " of " + productId);
    }

    private static JsonNode get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(mesh.platformUri().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
