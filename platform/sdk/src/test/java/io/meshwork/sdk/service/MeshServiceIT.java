package io.meshwork.sdk.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwork.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwork.kafka.embedded.EmbeddedKafkaExtension;
import io.meshwork.kafka.embedded.TestTopics;
import io.meshwork.platform.server.PlatformServer;
import io.meshwork.sdk.consumer.MeshSubscriber;
import io.meshwork.sdk.consumer.ProductSubscription;
import io.meshwork.sdk.fixtures.Order;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@ExtendWith(EmbeddedKafkaExtension.class)
class MeshServiceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PlatformServer platform;
    private static String lifecycleTopic;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPlatform(EmbeddedKafkaBroker broker) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        lifecycleTopic = "mesh.lifecycle." + suffix;
        Map<String, Object> props = new HashMap<>();
        props.put("meshwork.kafka.bootstrap-servers", broker.bootstrapServers());
        props.put("meshwork.registry.topic", "_mesh.registry." + suffix);
        props.put("meshwork.catalog.lifecycle-topic", lifecycleTopic);
        props.put("meshwork.catalog.governance-topic", "mesh.governance." + suffix);
        platform = PlatformServer.start(props);
    }

    @AfterAll
    static void stopPlatform() {
        platform.close();
    }

    @Test
    void shouldPublishRunDeadLetterAndReportAProductEndToEnd(EmbeddedKafkaBroker broker, TestTopics topics)
            throws Exception {
        String domain = uniqueDomain();
        Path release = release(domain, "");
        String productTopic = domain + ".orders.v1";
        String raw = domain + ".raw-orders";
        try (MeshService service = service(broker, domain, release).start()) {
            JsonNode product = get("api/v1/products/" + domain + ".orders");
            assertThat(product.at("/lines/0/status").asText()).isEqualTo("ACTIVE");
            assertThat(product.at("/lines/0/activeVersion").asText()).isEqualTo("1.0.0");
            Map<String, TopicDescription> described = topics.admin()
                    .describeTopics(List.of(productTopic, productTopic + ".dlq", raw))
                    .allTopicNames()
                    .get();
            assertThat(described.get(productTopic).partitions()).hasSize(3);

            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(topics.producerConfig(), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>(raw, "o-" + i, ShopOrders.order("o-" + i, 1 + i, 2.5)));
                }
                producer.send(new ProducerRecord<>(raw, "bad-1", "{not json"));
                producer.send(new ProducerRecord<>(raw, "bad-2", "{\"orderId\": 7}"));
                producer.send(new ProducerRecord<>(raw, "o-zero", ShopOrders.order("o-zero", 0, 2.5)));
            }

            List<ConsumerRecord<byte[], byte[]>> out = readAll(topics, productTopic, 20);
            assertThat(out).hasSize(20);
            List<ConsumerRecord<byte[], byte[]>> dead = readAll(topics, productTopic + ".dlq", 3);
            assertThat(dead).hasSize(3);
            assertThat(dead)
                    .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("bad-1", "bad-2", "o-zero");
            assertThat(dead).allSatisfy(r -> {
                assertThat(r.headers().lastHeader(DeadLetters.TOPIC).value())
                        .asString()
                        .isEqualTo(raw);
                assertThat(r.headers().lastHeader(DeadLetters.CAUSE)).isNotNull();
                assertThat(r.headers().lastHeader(DeadLetters.OFFSET)).isNotNull();
            });

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode line = get("api/v1/products/" + domain + ".orders").at("/lines/0");
                JsonNode instance = line.path("instances").get(0);
                assertThat(instance).isNotNull();
                assertThat(instance.path("state").asText()).isEqualTo("RUNNING");
                assertThat(instance.path("recordsOut").asLong()).isEqualTo(20);
                assertThat(instance.path("recordsDeadLettered").asLong()).isEqualTo(3);
                assertThat(instance.path("recordsIn").asLong()).isEqualTo(23);
                assertThat(instance.path("newestRecordTime").isTextual()).isTrue();
            });
            assertThat(get("api/v1/products/" + domain + ".orders")
                            .at("/slo/freshness")
                            .asText())
                    .isEqualTo("MET");

            HttpResponse<String> health = HTTP.send(
                    HttpRequest.newBuilder(service.healthUri().resolve("health"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
            HttpResponse<String> metrics = HTTP.send(
                    HttpRequest.newBuilder(service.healthUri().resolve("metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body())
                    .contains("meshwork_records_out_total")
                    .contains("meshwork_records_dead_lettered_total")
                    .contains("kafka_stream");
        }

        // a restart publishes nothing again and carries on from the committed offsets
        try (MeshService again = service(broker, domain, release).start()) {
            assertThat(again.liveReleases()).singleElement().satisfies(r -> assertThat(r.version())
                    .isEqualTo("1.0.0"));
            JsonNode versions = get("api/v1/products/" + domain + ".orders").path("versions");
            assertThat(versions).hasSize(1);
        }
        assertThat(readAll(topics, productTopic, 20)).hasSize(20);
    }

    @Test
    void shouldLetAConsumerSubscribeByProductIdAndReadTypedRecords(EmbeddedKafkaBroker broker, TestTopics topics)
            throws Exception {
        String domain = uniqueDomain();
        try (MeshService service = service(broker, domain, release(domain, "")).start()) {
            assertThat(service.isHealthy()
                            || service.state() == org.apache.kafka.streams.KafkaStreams.State.REBALANCING)
                    .isTrue();
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(topics.producerConfig(), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(
                            new ProducerRecord<>(domain + ".raw-orders", "o-" + i, ShopOrders.order("o-" + i, 2, 1)));
                }
            }
            MeshSubscriber subscriber = MeshSubscriber.builder("billing-" + domain)
                    .platform(platform.uri())
                    .bootstrapServers(broker.bootstrapServers())
                    .build();
            try (ProductSubscription<Order> orders =
                    subscriber.subscribe(domain + ".orders", 1, Order.class, "monthly invoices")) {
                assertThat(orders.topic()).isEqualTo(domain + ".orders.v1");
                assertThat(orders.deprecation()).isEmpty();
                List<Order> read = new ArrayList<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    orders.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                    return read.size() >= 5;
                });
                assertThat(read).extracting(Order::getQuantity).containsOnly(2);
            }
            JsonNode subscriptions = get("api/v1/subscriptions?product=" + domain + ".orders");
            assertThat(subscriptions.path("items")).anySatisfy(s -> {
                assertThat(s.path("consumer").asText()).isEqualTo("billing-" + domain);
                assertThat(s.path("status").asText()).isEqualTo("GRANTED");
                assertThat(s.path("purpose").asText()).isEqualTo("monthly invoices");
            });
        }
    }

    @Test
    void shouldRefuseToStartWhenGovernanceDeniesTheReleaseNamingThePolicy(EmbeddedKafkaBroker broker) {
        String domain = uniqueDomain();
        // a PII field tagged on a public product: the pii classification policy blocks it
        Path release = release(domain, "").getParent().resolve("dataproduct.yaml");
        rewrite(release, "classification: internal", "classification: public");
        rewrite(release, "    retention: 7d", "    retention: 7d\n    fieldTags:\n      note: [pii]");

        assertThatThrownBy(() -> service(broker, domain, release).start())
                .isInstanceOf(MeshServiceException.class)
                .hasMessageContaining("Governance denies")
                .satisfies(e -> assertThat(((MeshServiceException) e).details())
                        .anySatisfy(d -> assertThat(d).contains("pii")));
        assertThat(status("api/v1/products/" + domain + ".orders")).isEqualTo(404);
    }

    @Test
    void shouldSayWhichPlatformItCannotReach(EmbeddedKafkaBroker broker) {
        String domain = uniqueDomain();
        MeshServiceConfig config = config(broker)
                .with(Map.of(
                        "meshwork.platform.url", "http://127.0.0.1:9",
                        "meshwork.startup.timeout", "1s"));
        assertThatThrownBy(() -> MeshService.builder(domain + ".order-pipeline")
                        .release(release(domain, ""))
                        .topology(ShopOrders::build)
                        .config(config)
                        .build()
                        .start())
                .isInstanceOf(MeshServiceException.class)
                .hasMessageContaining("http://127.0.0.1:9")
                .hasMessageContaining("meshwork.platform.url");
    }

    @Test
    void shouldReportEveryDescriptorProblemWithItsLine() {
        Path broken = dir.resolve("dataproduct.yaml");
        write(broken, "id: shop.orders\nversion: 1.2\ndomian: shop\noutputPorts: []\n");

        assertThatThrownBy(() -> ProductRelease.fromFile(broken))
                .isInstanceOf(MeshServiceException.class)
                .satisfies(e -> assertThat(((MeshServiceException) e).details())
                        .anySatisfy(d -> assertThat(d).contains(":2:").contains("version"))
                        .anySatisfy(d -> assertThat(d).contains(":3:").contains("did you mean 'domain'")));
    }

    private MeshService service(EmbeddedKafkaBroker broker, String domain, Path release) {
        return MeshService.builder(domain + ".order-pipeline")
                .release(release)
                .topology(mesh -> {
                    ProductPort<String, Order> orders = mesh.port(domain + ".orders.v1", Order.class);
                    mesh.to(mesh.source(domain + ".raw-orders").mapValues(ShopOrders::parse), orders);
                })
                .config(config(broker))
                .build();
    }

    private MeshServiceConfig config(EmbeddedKafkaBroker broker) {
        return MeshServiceConfig.from(Map.of(
                "meshwork.platform.url",
                platform.uri().toString(),
                "meshwork.bootstrap.servers",
                broker.bootstrapServers(),
                "meshwork.lifecycle.topic",
                lifecycleTopic,
                "meshwork.state.dir",
                dir.resolve("state").toString(),
                "meshwork.heartbeat.interval",
                "300ms",
                "meshwork.startup.timeout",
                "30s",
                "streams.commit.interval.ms",
                "100"));
    }

    /** Writes the test product's descriptor for a domain of its own; extra lines go at the end. */
    private Path release(String domain, String extra) {
        String text = readResource(ShopOrders.RELEASE)
                        .replace("shop.", domain + ".")
                        .replace("domain: shop", "domain: " + domain)
                        .replace("team: shop-core", "team: " + domain + "-core")
                + extra;
        Path file = dir.resolve(domain).resolve("dataproduct.yaml");
        write(file, text);
        return file;
    }

    private static String uniqueDomain() {
        return "shop"
                + UUID.randomUUID()
                        .toString()
                        .substring(0, 6)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z]", "x");
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(TestTopics topics, String topic, int expected) {
        Map<String, Object> config = new HashMap<>(topics.consumerConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // a little longer, to see a record too many
            long settle = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(platform.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int status(String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(platform.uri() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String readResource(String name) {
        try (var in = MeshServiceIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void rewrite(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            assertThat(text).contains(from);
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
